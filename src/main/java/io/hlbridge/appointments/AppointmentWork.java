package io.hlbridge.appointments;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.store.InboxEntry;
import io.hlbridge.store.LinkChange;

/**
 * The unit the highlevel-to-icloud route works on: every pending inbox entry of one appointment, applied with
 * one fresh read of that appointment. Filter steps call {@link #skip}; the route's gate after each one ends the work
 * there. What a step needs from an earlier one is read through an accessor that names that step when it has not run.
 */
public final class AppointmentWork {
    private final String workKey;
    private final List<InboxEntry> entries;
    private final JsonNode latestEvent;
    private Appointment appointment;
    private boolean deleted;
    private boolean fetched;
    private boolean planned;
    private final List<CalendarWrite> writes = new ArrayList<>();
    private final List<LinkChange> linkChanges = new ArrayList<>();
    private SkipRules.Skip skip;

    public AppointmentWork(String workKey, List<InboxEntry> entries, JsonNode latestEvent) {
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

    public String eventType() {
        return latestEvent.path("type").asText("");
    }

    public boolean anyEventOfType(String type) {
        return entries.stream().anyMatch(e -> type.equals(e.eventType()));
    }

    /** The {@code appointment} object of the newest stored webhook. */
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

    /**
     * A connection of the work's location, whose token reads the location's calendars and appointments; null (and
     * the work skipped) when the location has none.
     */
    public Connection reader(ConnectionDirectory connections) {
        Connection reader = connections.anyIn(locationId()).orElse(null);
        SkipRules.noConnection(reader != null, locationId()).ifPresent(this::skip);
        return reader;
    }

    /** The appointment as HighLevel has it now, read by {@code fetchAppointment}; null when HighLevel has none. */
    public Appointment appointment() {
        requireFetched();
        return appointment;
    }

    /** HighLevel no longer has the appointment, it was cancelled, or a delete event came. */
    public boolean deleted() {
        requireFetched();
        return deleted;
    }

    void fetched(Appointment appointment, boolean deleted) {
        this.appointment = appointment;
        this.deleted = deleted;
        this.fetched = true;
    }

    private void requireFetched() {
        if (!fetched) {
            throw new IllegalStateException("no appointment was read for " + workKey + ": route highlevel-to-icloud"
                    + " must run step '" + HighLevelToICloudSteps.FETCH + "' before the steps that use it");
        }
    }

    /** The writes planned by {@code planCalendarWrites}. */
    public List<CalendarWrite> writes() {
        if (!planned && !isSkipped()) {
            throw new IllegalStateException("no calendar writes were planned for " + workKey + ": route"
                    + " highlevel-to-icloud must run step '" + HighLevelToICloudSteps.PLAN + "' before '"
                    + HighLevelToICloudSteps.WRITE + "'");
        }
        return writes;
    }

    void planned(List<CalendarWrite> planned) {
        this.writes.addAll(planned);
        this.planned = true;
    }

    /** Links written or removed by the calendar writes, stored when the work completes or is retried. */
    public List<LinkChange> linkChanges() {
        return linkChanges;
    }

    /** The first skip wins: later filters do not overwrite the reason. */
    public void skip(SkipRules.Skip s) {
        if (skip == null) {
            skip = s;
        }
    }

    public boolean isSkipped() {
        return skip != null;
    }

    /** Null unless skipped. */
    public SkipRules.Skip skipReason() {
        return skip;
    }
}
