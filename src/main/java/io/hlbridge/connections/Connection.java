package io.hlbridge.connections;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import io.hlbridge.caldav.CalDavAccount;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.highlevel.HighLevelCredentials;
import io.hlbridge.ical.ContentHash;

/**
 * One HighLevel user linked to one Apple ID: the {@code connections.<name>.*} block of the configuration.
 * {@link #toString()} never prints the token or the app password.
 *
 * @param highLevelToken null or empty: the token of the location's Marketplace installation
 * @param timeZone null: the HighLevel location's zone
 * @param calendarId null unless {@code sync.blocked-slot-scope=calendar}
 * @param choices the choices this connection made for itself; its other choices are the global keys'
 */
public record Connection(
        String name,
        String locationId,
        String userId,
        String highLevelToken,
        String appleId,
        String appPassword,
        String linkedCalendar,
        List<String> conflictCalendars,
        ZoneId timeZone,
        String calendarId,
        SyncChoices choices) implements CalDavAccount, HighLevelCredentials {

    public Connection {
        Objects.requireNonNull(name, "name");
        conflictCalendars = conflictCalendars == null ? List.of() : List.copyOf(conflictCalendars);
        choices = choices == null ? SyncChoices.GLOBAL : choices;
    }

    /** A connection that takes every choice from the global keys. */
    public Connection(String name, String locationId, String userId, String highLevelToken, String appleId,
            String appPassword, String linkedCalendar, List<String> conflictCalendars, ZoneId timeZone,
            String calendarId) {
        this(name, locationId, userId, highLevelToken, appleId, appPassword, linkedCalendar, conflictCalendars,
                timeZone, calendarId, SyncChoices.GLOBAL);
    }

    /** Hash of the credentials, stored to notice that a revoked app password was replaced. */
    public String credentialFingerprint() {
        return ContentHash.sha256(appleId + "\u0000" + appPassword);
    }

    @Override
    public String toString() {
        return "Connection[" + name + ", location=" + locationId + ", user=" + userId + ", appleId=" + appleId
                + ", linkedCalendar=" + linkedCalendar + "]";
    }
}
