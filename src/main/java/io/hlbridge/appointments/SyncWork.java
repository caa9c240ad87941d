package io.hlbridge.appointments;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.store.InboxEntry;
import io.hlbridge.store.LinkChange;

/**
 * The unit the highlevel-to-icloud route works on: every pending inbox entry of one appointment, applied with
 * one fresh read of that appointment. The filter steps call {@link #skip}; later steps do nothing once skipped.
 */
public final class SyncWork {
    private final String workKey;
    private final List<InboxEntry> entries;
    private final JsonNode latestEvent;
    private Connection readConnection;
    private Appointment appointment;
    private boolean deleted;
    private final List<CalendarWrite> writes = new ArrayList<>();
    private final List<LinkChange> linkChanges = new ArrayList<>();
    private String skipReason;
    private String skipCounter;

    public SyncWork(String workKey, List<InboxEntry> entries, JsonNode latestEvent) {
        this.workKey = workKey;
        this.entries = List.copyOf(entries);
        this.latestEvent = latestEvent;
    }

    public String workKey() {
        return workKey;
    }

    public List<InboxEntry> entries() {
        return entries;
    }

    /** The newest stored webhook body of this work. */
    public JsonNode latestEvent() {
        return latestEvent;
    }

    public String eventType() {
        return latestEvent.path("type").asText("");
    }

    public boolean anyEventOfType(String type) {
        return entries.stream().anyMatch(e -> type.equals(e.eventType()));
    }

    public JsonNode webhookAppointment() {
        return latestEvent.path("appointment");
    }

    public String appointmentId() {
        return webhookAppointment().path("id").asText("");
    }

    public String locationId() {
        String fromAppointment = webhookAppointment().path("locationId").asText("");
        return fromAppointment.isEmpty() ? latestEvent.path("locationId").asText("") : fromAppointment;
    }

    public Connection readConnection() {
        return readConnection;
    }

    public void setReadConnection(Connection readConnection) {
        this.readConnection = readConnection;
    }

    public Appointment appointment() {
        return appointment;
    }

    public void setAppointment(Appointment appointment) {
        this.appointment = appointment;
    }

    /** HighLevel no longer has the appointment, it was cancelled, or a delete event came. */
    public boolean deleted() {
        return deleted;
    }

    public void setDeleted(boolean deleted) {
        this.deleted = deleted;
    }

    public List<CalendarWrite> writes() {
        return writes;
    }

    /** Links written or removed by the calendar writes, stored when the work completes or is retried. */
    public List<LinkChange> linkChanges() {
        return linkChanges;
    }

    public void skip(String counter, String reason) {
        if (skipReason == null) {
            this.skipCounter = counter;
            this.skipReason = reason;
        }
    }

    public boolean isSkipped() {
        return skipReason != null;
    }

    public String skipReason() {
        return skipReason;
    }

    public String skipCounter() {
        return skipCounter;
    }
}
