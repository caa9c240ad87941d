package io.hlbridge.connections;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.HighLevelCredentials;

/**
 * What this process last saw of each connection, for health, the admin API and the status page: a linked or
 * conflict calendar refused (with the reason), a HighLevel token refused, and the last failure of a poll or write
 * with its time. Kept in memory: it is learnt again within one poll interval after a restart, while a refused app
 * password is remembered by the store ({@link RefusedCredentials}).
 */
public class ConnectionStatus implements HighLevelClient.ExchangeObserver {

    /** A problem seen at {@code at} (epoch millis), and why. */
    public record Problem(long at, String reason) {
    }

    private final Map<String, Problem> refusedCalendars = new ConcurrentHashMap<>();
    private final Map<String, Problem> refusedTokens = new ConcurrentHashMap<>();
    private final Map<String, Problem> lastErrors = new ConcurrentHashMap<>();

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

    public void failed(String connection, String reason) {
        lastErrors.put(connection, new Problem(System.currentTimeMillis(), reason));
    }

    public Optional<Problem> refusedCalendar(String connection) {
        return Optional.ofNullable(refusedCalendars.get(connection));
    }

    public Optional<Problem> refusedToken(String connection) {
        return Optional.ofNullable(refusedTokens.get(connection));
    }

    public Optional<Problem> lastError(String connection) {
        return Optional.ofNullable(lastErrors.get(connection));
    }

    /** Everything known of a connection that was deleted is forgotten. */
    public void forget(String connection) {
        refusedCalendars.remove(connection);
        refusedTokens.remove(connection);
        lastErrors.remove(connection);
    }
}
