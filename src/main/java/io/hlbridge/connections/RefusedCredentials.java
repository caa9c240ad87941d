package io.hlbridge.connections;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.store.ConnectionStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 401 from the CalDAV server is never retried in a loop: repeated failed logins may lock the Apple ID
 * (docs/design.md, "iCloud's behaviour"). The connection is marked, reported, and left alone (no poll, no write) for
 * {@code bridge.retry.credentials-delay}; then one request tries again, in case the 401 was iCloud's and not the
 * password's. Replacing the app password in the configuration lifts the mark at once.
 */
public class RefusedCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(RefusedCredentials.class);

    private final ConnectionStateStore states;
    private final Duration hold;

    /** @param hold {@code bridge.retry.credentials-delay} */
    public RefusedCredentials(ConnectionStateStore states, Duration hold) {
        this.states = states;
        this.hold = hold;
    }

    public Duration hold() {
        return hold;
    }

    /** Why the connection must not be used now, or empty. */
    public Optional<String> holding(Connection c) throws SQLException {
        return states.mark(c.name()).filter(m -> holds(m, c)).map(ConnectionStateStore.Mark::reason);
    }

    /** The connections among {@code all} that may be used now, from one read of the marks. */
    public List<Connection> usable(Collection<Connection> all) throws SQLException {
        Map<String, ConnectionStateStore.Mark> marks = states.marks();
        return all.stream().filter(c -> marks.get(c.name()) == null || !holds(marks.get(c.name()), c)).toList();
    }

    /** The connections among {@code all} held for refused credentials, with when and why, from one read. */
    public Map<String, ConnectionStatus.Problem> held(Collection<Connection> all) throws SQLException {
        Map<String, ConnectionStateStore.Mark> marks = states.marks();
        Map<String, ConnectionStatus.Problem> held = new java.util.HashMap<>();
        for (Connection c : all) {
            ConnectionStateStore.Mark m = marks.get(c.name());
            if (m != null && holds(m, c)) {
                held.put(c.name(), new ConnectionStatus.Problem(m.markedAt(), m.reason()));
            }
        }
        return held;
    }

    /** A mark holds while the refused credentials are still the configured ones and the hold is not over. */
    private boolean holds(ConnectionStateStore.Mark m, Connection c) {
        return m.fingerprint().equals(c.credentialFingerprint())
                && m.markedAt() > System.currentTimeMillis() - hold.toMillis();
    }

    /** Marks the connection when {@code failure} is (or wraps) a 401; returns whether it did. */
    public boolean record(Connection c, Throwable failure) throws SQLException {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CalDavException.Unauthorized) {
                states.markNeedsCredentials(c.name(), c.credentialFingerprint(), t.getMessage());
                LOG.error("Connection '{}' needs a new app-specific password (next try in {} s, or at once when"
                        + " connections.{}.app-password is replaced): {}", c.name(), hold.toSeconds(), c.name(),
                        t.getMessage());
                return true;
            }
        }
        return false;
    }

    /** At start-up: a connection refused with other credentials than its configured ones is usable again. */
    public boolean liftIfReplaced(Connection c) throws SQLException {
        boolean lifted = states.liftIfOtherCredentials(c.name(), c.credentialFingerprint());
        if (lifted) {
            LOG.info("Connection '{}': its app password was replaced since the CalDAV server refused it; it is used"
                    + " again", c.name());
        }
        return lifted;
    }
}
