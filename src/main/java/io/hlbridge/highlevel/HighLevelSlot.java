package io.hlbridge.highlevel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A blocked slot as {@code GET /calendars/blocked-slots} lists it (a CalendarEventDTO): busy time in HighLevel with
 * no contact. {@code calendarId} is set for a slot that blocks a calendar rather than a user.
 */
public record HighLevelSlot(String id, String title, Instant start, Instant end, String assignedUserId,
        String calendarId) {

    /**
     * The slot in one listed event; empty for what is no blocked slot (an appointment: it has a contact) or cannot
     * be one (no id, unreadable times, an end not after its start).
     */
    public static Optional<HighLevelSlot> from(JsonNode e) {
        String id = e.path("id").asText("");
        if (id.isEmpty() || !e.path("contactId").asText("").isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant start = OffsetDateTime.parse(e.path("startTime").asText("")).toInstant();
            Instant end = OffsetDateTime.parse(e.path("endTime").asText("")).toInstant();
            if (!end.isAfter(start)) {
                return Optional.empty();
            }
            return Optional.of(new HighLevelSlot(id, e.path("title").asText(""), start, end,
                    blankToNull(e.path("assignedUserId").asText("")), blankToNull(e.path("calendarId").asText(""))));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
