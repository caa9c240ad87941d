package io.hlbridge.connections;

import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import io.hlbridge.store.StoredConnection;
import io.hlbridge.store.StoredConnectionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is connected: the connections of the configuration (read-only) and those stored at run time, looked up by
 * name, by HighLevel user and by location. Lookups read an immutable snapshot, replaced whole when the stored
 * connections change: at once when this process changes them, otherwise at the next {@link #refresh()} (every poll
 * round), so a change made elsewhere takes effect within one poll interval.
 */
public class ConnectionDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDirectory.class);

    /** Where a connection is defined. */
    public enum Source {
        /** A {@code connections.<name>} block: changed by editing the file and restarting. */
        CONFIGURATION,
        /** Created through the admin API, kept in the store. */
        STORED
    }

    /** A connection with what the admin API shows of it besides its fields. */
    public record Entry(Connection connection, Source source, boolean paused, long createdAt, long updatedAt) {
    }

    /** {@code byName} in name order (the admin API pages by it); the other indexes prefer the configuration's. */
    private record Snapshot(NavigableMap<String, Entry> byName, Map<String, Entry> byUser,
            Map<String, Entry> byLocation, List<Connection> active, List<StoredConnection> rows, String storedVersion) {
    }

    /** A snapshot changed by this process: the next {@link #refresh()} reads the store, for changes made elsewhere. */
    private static final String CHANGED_HERE = "";

    private final List<Connection> configured;
    private final StoredConnectionStore stored;
    private volatile Snapshot snapshot;
    private volatile InstallationHolds holds = InstallationHolds.NONE;

    /** The configuration's connections only (tests, and a store that holds none). */
    public ConnectionDirectory(List<Connection> configured) {
        this(configured, null);
    }

    public ConnectionDirectory(List<Connection> configured, StoredConnectionStore stored) {
        this.configured = List.copyOf(configured);
        this.stored = stored;
        this.snapshot = build(List.of(), CHANGED_HERE);
        try {
            load();
        } catch (SQLException e) {
            throw new IllegalStateException("The stored connections cannot be read: " + e.getMessage(), e);
        }
    }

    /** Connections whose Marketplace installation cannot give a token are held: left out of {@link #all()}. */
    public void holdBy(InstallationHolds h) {
        this.holds = h;
    }

    public InstallationHolds holds() {
        return holds;
    }

    /** Reloads the stored connections when they changed since the last look (one cheap query otherwise). */
    public synchronized void refresh() {
        holds.reload();
        try {
            load();
        } catch (SQLException e) {
            LOG.warn("The stored connections could not be reloaded; the last ones read stay in use: {}",
                    e.getMessage());
        }
    }

    /**
     * Reads the store when its version moved. The version is read before the rows: a change landing between the two
     * leaves the snapshot with an older version than its rows, so the next look reads again instead of missing it.
     */
    private void load() throws SQLException {
        if (stored == null) {
            return;
        }
        String version = stored.version();
        if (!version.equals(snapshot.storedVersion())) {
            snapshot = build(stored.all(), version);
        }
    }

    /**
     * This process stored {@code row} (new or changed): it is in use at once. Only that row is applied, not
     * the whole store read and decrypted again, so adding the ten-thousandth connection costs what adding the
     * first did; the next {@link #refresh()} reads the store, for what other writers changed meanwhile.
     */
    public synchronized void stored(StoredConnection row) {
        List<StoredConnection> rows = new ArrayList<>(snapshot.rows());
        int at = java.util.Collections.binarySearch(rows.stream().map(StoredConnection::name).toList(), row.name());
        if (at >= 0) {
            rows.set(at, row);
        } else {
            rows.add(-at - 1, row); // the rows stay in name order, as the store lists them
        }
        snapshot = build(rows, CHANGED_HERE);
    }

    /** This process deleted the stored connection {@code name}. */
    public synchronized void deleted(String name) {
        snapshot = build(snapshot.rows().stream().filter(r -> !r.name().equals(name)).toList(), CHANGED_HERE);
    }

    private Snapshot build(List<StoredConnection> rows, String version) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Connection c : configured) {
            byName.put(c.name(), new Entry(c, Source.CONFIGURATION, false, 0, 0));
        }
        for (StoredConnection r : rows) {
            if (byName.containsKey(r.name())) {
                LOG.warn("Stored connection '{}' has the name of a connection of the configuration; the"
                        + " configuration's is used", r.name());
                continue;
            }
            byName.put(r.name(), new Entry(toConnection(r), Source.STORED, r.paused(), r.createdAt(), r.updatedAt()));
        }
        Map<String, Entry> byUser = new HashMap<>();
        Map<String, Entry> byLocation = new HashMap<>();
        List<Connection> active = new ArrayList<>();
        for (Entry e : byName.values()) {
            Connection c = e.connection();
            byUser.putIfAbsent(userKey(c.locationId(), c.userId()), e);
            byLocation.putIfAbsent(c.locationId(), e);
            if (!e.paused()) {
                active.add(c);
            }
        }
        return new Snapshot(java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(byName)), byUser, byLocation,
                List.copyOf(active), List.copyOf(rows), version);
    }

    static Connection toConnection(StoredConnection r) {
        return new Connection(r.name(), r.locationId(), r.userId(), r.highLevelToken(), r.appleId(), r.appPassword(),
                r.linkedCalendar(), r.conflictCalendars(), r.timeZone() == null ? null : ZoneId.of(r.timeZone()),
                r.calendarId(), r.choices());
    }

    private static String userKey(String locationId, String userId) {
        return locationId + '\u0000' + userId;
    }

    /** The connections that sync now: every one but the paused and those held for their installation. */
    public List<Connection> all() {
        InstallationHolds h = holds;
        List<Connection> active = snapshot.active();
        return h == InstallationHolds.NONE ? active : active.stream().filter(c -> h.held(c).isEmpty()).toList();
    }

    /** Every connection with its source and state, in name order. */
    public Collection<Entry> entries() {
        return snapshot.byName().values();
    }

    /** At most {@code limit} connections in name order, those named after {@code after} (null: from the first). */
    public List<Entry> page(String after, int limit) {
        return snapshot.byName().tailMap(after == null ? "" : after, after == null).values().stream().limit(limit)
                .toList();
    }

    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(snapshot.byName().get(name));
    }

    public Optional<Connection> byName(String name) {
        return entry(name).map(Entry::connection);
    }

    /** Whether the connection is paused: not polled, and its calendar writes wait until it is resumed. */
    public boolean isPaused(String name) {
        Entry e = snapshot.byName().get(name);
        return e != null && e.paused();
    }

    /** The connection of a HighLevel user in a location, if that user is connected (paused or not). */
    public Optional<Connection> forUser(String locationId, String userId) {
        return Optional.ofNullable(snapshot.byUser().get(userKey(locationId, userId))).map(Entry::connection);
    }

    /** Any connection of the location: its token reads the location's calendars. */
    public Optional<Connection> anyIn(String locationId) {
        return Optional.ofNullable(snapshot.byLocation().get(locationId)).map(Entry::connection);
    }
}
