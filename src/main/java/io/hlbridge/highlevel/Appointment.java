package io.hlbridge.highlevel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a HighLevel calendar event (CalendarEventDTO / webhook {@code appointment}) that the bridge uses.
 * Instants are parsed with their offsets; HighLevel sends {@code 2023-09-25T16:00:00+05:30} or UTC with millis.
 */
public record Appointment(String id, String locationId, String calendarId, String contactId, String title,
        String address, String notes, String description, String status, String assignedUserId, List<String> users,
        Instant start, Instant end, Instant dateUpdated, String rrule, boolean deleted) {

    public static Appointment fromJson(JsonNode n, String fallbackLocationId) {
        List<String> users = new ArrayList<>();
        n.path("users").forEach(u -> users.add(u.asText()));
        String location = text(n, "locationId");
        return new Appointment(text(n, "id"), location != null ? location : fallbackLocationId, text(n, "calendarId"),
                text(n, "contactId"), text(n, "title"), text(n, "address"), text(n, "notes"), text(n, "description"),
                text(n, "appointmentStatus"), text(n, "assignedUserId"), List.copyOf(users), instant(n, "startTime"),
                instant(n, "endTime"), instant(n, "dateUpdated"), text(n, "rrule"), n.path("deleted").asBoolean(false));
    }

    public boolean cancelled() {
        return "cancelled".equalsIgnoreCase(status) || deleted;
    }

    public boolean recurring() {
        return rrule != null && !rrule.isBlank();
    }

    /** The owners of the appointment: {@code assignedUserId} first, then {@code users[]}. */
    public Set<String> owners() {
        Set<String> owners = new LinkedHashSet<>();
        if (assignedUserId != null && !assignedUserId.isBlank()) {
            owners.add(assignedUserId);
        }
        owners.addAll(users);
        return owners;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Instant instant(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnusableAppointment(field + " is not an ISO-8601 date-time with offset: '" + v + "'");
        }
    }
}
