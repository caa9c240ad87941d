package io.hlbridge.store;

import java.util.List;

import io.hlbridge.config.SyncChoices;

/**
 * A connection as the store keeps it (table {@code stored_connection}), its secrets opened. {@link #toString()} never
 * prints them.
 *
 * @param timeZone   a zone id, or null: the location's
 * @param calendarId null unless blocked slots go to a calendar
 * @param choices    the choices the connection made for itself (columns event_details... of V11)
 */
public record StoredConnection(String name, String locationId, String userId, String appleId, String appPassword,
        String highLevelToken, String linkedCalendar, List<String> conflictCalendars, String timeZone,
        String calendarId, SyncChoices choices, boolean paused, long createdAt, long updatedAt) {

    public StoredConnection {
        conflictCalendars = conflictCalendars == null ? List.of() : List.copyOf(conflictCalendars);
        choices = choices == null ? SyncChoices.GLOBAL : choices;
    }

    @Override
    public String toString() {
        return "StoredConnection[" + name + ", location=" + locationId + ", user=" + userId + ", appleId=" + appleId
                + ", paused=" + paused + "]";
    }
}
