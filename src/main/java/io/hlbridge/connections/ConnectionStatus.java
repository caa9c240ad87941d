package io.hlbridge.connections;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.hlbridge.caldav.CalDavAccount;
import io.hlbridge.caldav.CalDavClient;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.HighLevelCredentials;

/**
 * What this process last saw of each connection, for health, the admin API and the status page: a linked or
 * conflict calendar refused (with the reason), a HighLevel token refused, a CalDAV server not reached since when, and
 * the last failure of a poll or discovery with its time, shown until that same poll or discovery next succeeds. Kept
 * in memory: it is learnt again within one poll interval after a restart, while a refused app password is remembered
 * by the store ({@link RefusedCredentials}).
 */
public class ConnectionStatus implements HighLevelClient.ExchangeObserver, CalDavClient.ServerObserver {

    /** A problem seen at {@code at} (epoch millis), and why. */
    public record Problem(long at, String reason) {
    }

    private final Map<String, Problem> refusedCalendars = new ConcurrentHashMap<>();
    private final Map<String, Problem> refusedTokens = new ConcurrentHashMap<>();
    /** Per connection, the last failure of each poll or discovery ("source") that has not succeeded since. */
    private final Map<String, Map<String, Problem>> lastErrors = new ConcurrentHashMap<>();
    private final Map<String, Problem> unreachable = new ConcurrentHashMap<>();
    private final long unreachableAfterMillis;

    /** @param unreachableAfter {@code icloud.unreachable-after}: how long a server may be away before it is said */
    public ConnectionStatus(Duration unreachableAfter) {
        this.unreachableAfterMillis = unreachableAfter.toMillis();
    }

    @Override
    public void reached(CalDavAccount c) {
        unreachable.remove(c.name());
    }

    /** The first failure since the server was last reached stays: the state says "since" then. */
    @Override
    public void unreachable(CalDavAccount c, String host, String why) {
        unreachable.putIfAbsent(c.name(), new Problem(System.currentTimeMillis(), "the CalDAV server " + host
                + " could not be reached (" + why + "); check icloud.caldav-url, DNS, the network and any proxy"
                + " between this machine and " + host));
    }

    /** The server's absence, once it has lasted {@code icloud.unreachable-after}. */
    public Optional<Problem> unreachable(String connection) {
        Problem p = unreachable.get(connection);
        return p != null && System.currentTimeMillis() - p.at() >= unreachableAfterMillis ? Optional.of(p)
                : Optional.empty();
    }

    public void calendarRefused(String connection, String reason) {
        keepSince(refusedCalendars, connection, reason);
    }

    public void calendarsUsable(String connection) {
        refusedCalendars.remove(connection);
    }

    /** A refused HighLevel token shows as the connection's state until HighLevel accepts one again. */
    @Override
    public void answered(HighLevelCredentials c, String method, String path, int status, long millis) {
        if (status == 401) {
            tokenRefused(c.name(), "HighLevel refused the token (401 on " + method + " " + path + ")");
        } else if (status / 100 == 2) {
            tokenAccepted(c.name());
        }
    }

    public void tokenRefused(String connection, String reason) {
        keepSince(refusedTokens, connection, reason);
    }

    /** The same problem seen again keeps the time it was first seen: the page says "since" that time. */
    private static void keepSince(Map<String, Problem> problems, String connection, String reason) {
        problems.merge(connection, new Problem(System.currentTimeMillis(), reason),
                (old, n) -> old.reason().equals(n.reason()) ? old : n);
    }

    public void tokenAccepted(String connection) {
        refusedTokens.remove(connection);
    }

    /** A poll or discovery ({@code source}) of the connection failed. */
    public void failed(String connection, String source, String reason) {
        lastErrors.computeIfAbsent(connection, k -> new ConcurrentHashMap<>()).put(source,
                new Problem(System.currentTimeMillis(), reason));
    }

    /** That poll or discovery went through: its last failure is no longer shown. */
    public void succeeded(String connection, String source) {
        Map<String, Problem> errors = lastErrors.get(connection);
        if (errors != null) {
            errors.remove(source);
        }
    }

    public Optional<Problem> refusedCalendar(String connection) {
        return Optional.ofNullable(refusedCalendars.get(connection));
    }

    public Optional<Problem> refusedToken(String connection) {
        return Optional.ofNullable(refusedTokens.get(connection));
    }

    /** The latest failure that has not been followed by a success of the same poll or discovery. */
    public Optional<Problem> lastError(String connection) {
        Map<String, Problem> errors = lastErrors.get(connection);
        return errors == null ? Optional.empty()
                : errors.values().stream().max(Comparator.comparingLong(Problem::at));
    }

    /** Everything known of a connection that was deleted is forgotten. */
    public void forget(String connection) {
        refusedCalendars.remove(connection);
        refusedTokens.remove(connection);
        lastErrors.remove(connection);
        unreachable.remove(connection);
    }
}
