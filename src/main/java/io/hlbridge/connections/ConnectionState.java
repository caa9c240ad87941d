package io.hlbridge.connections;

import java.util.Locale;
import java.util.Optional;

/**
 * A connection's state as operators see it (health, admin API, status page, metrics), decided from what is known
 * of it. The first row that applies wins:
 *
 * <pre>
 * paused                      → PAUSED                    (an operator stopped it; not a failure)
 * installation gives no token → NEEDS_AUTHORIZATION       not installed, uninstalled, refresh token refused
 * app password refused (held) → NEEDS_APP_PASSWORD        since the 401
 * HighLevel token refused     → HIGHLEVEL_TOKEN_REFUSED   since the 401
 * a calendar refused          → CALENDAR_REFUSED          with the reason (subscribed, read-only, not found...)
 * CalDAV server not reached   → CALENDAR_SERVER_UNREACHABLE  for icloud.unreachable-after, with the host
 * otherwise                   → OK
 * </pre>
 *
 * Every state but OK and PAUSED makes readiness DOWN, named by the connection.
 */
public record ConnectionState(Kind kind, long since, String reason) {

    public enum Kind {
        OK, PAUSED, NEEDS_AUTHORIZATION, NEEDS_APP_PASSWORD, HIGHLEVEL_TOKEN_REFUSED, CALENDAR_REFUSED,
        CALENDAR_SERVER_UNREACHABLE;

        /** As the API and the metrics write it: {@code needs-app-password}. */
        public String written() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public boolean isDown() {
        return kind != Kind.OK && kind != Kind.PAUSED;
    }

    public static ConnectionState decide(boolean paused, Optional<ConnectionStatus.Problem> installation,
            Optional<ConnectionStatus.Problem> refusedPassword,
            Optional<ConnectionStatus.Problem> refusedToken, Optional<ConnectionStatus.Problem> refusedCalendar,
            Optional<ConnectionStatus.Problem> unreachable) {
        if (paused) {
            return new ConnectionState(Kind.PAUSED, 0, "paused by an operator");
        }
        if (installation.isPresent()) {
            return of(Kind.NEEDS_AUTHORIZATION, installation.get());
        }
        if (refusedPassword.isPresent()) {
            return of(Kind.NEEDS_APP_PASSWORD, refusedPassword.get());
        }
        if (refusedToken.isPresent()) {
            return of(Kind.HIGHLEVEL_TOKEN_REFUSED, refusedToken.get());
        }
        if (refusedCalendar.isPresent()) {
            return of(Kind.CALENDAR_REFUSED, refusedCalendar.get());
        }
        if (unreachable.isPresent()) {
            return of(Kind.CALENDAR_SERVER_UNREACHABLE, unreachable.get());
        }
        return new ConnectionState(Kind.OK, 0, "");
    }

    private static ConnectionState of(Kind kind, ConnectionStatus.Problem p) {
        return new ConnectionState(kind, p.at(), p.reason());
    }
}
