package io.hlbridge.store;

import java.util.List;

/**
 * A connection as the store keeps it (table {@code stored_connection}), its secrets opened. {@link #toString()} never
 * prints them.
 *
 * @param timeZone   a zone id, or null: the location's
 * @param calendarId null unless blocked slots go to a calendar
 */
public record StoredConnection(String name, String locationId, String userId, String appleId, String appPassword,
        String highLevelToken, String linkedCalendar, List<String> conflictCalendars, String timeZone,
        String calendarId, boolean paused, long createdAt, long updatedAt) {

    public StoredConnection {
        conflictCalendars = conflictCalendars == null ? List.of() : List.copyOf(conflictCalendars);
    }

    @Override
    public String toString() {
        return "StoredConnection[" + name + ", location=" + locationId + ", user=" + userId + ", appleId=" + appleId
                + ", paused=" + paused + "]";
    }
}
