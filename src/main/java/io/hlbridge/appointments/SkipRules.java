package io.hlbridge.appointments;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which appointments do not go to iCloud, and why: one rule per filter step of highlevel-to-icloud, in the
 * route's order. Each rule only decides; the steps gather what it needs and record the skip.
 *
 * <pre>
 * rule               | skipped when                                              | reason
 * -------------------+-----------------------------------------------------------+---------------------
 * notAnAppointment   | type is not AppointmentCreate/Update/Delete, or no id     | not-appointment
 *                    | no contactId: a blocked slot (R4)                         | blocked-slot
 * noConnection       | no connection is configured for the location              | no-connection
 * calendarType       | no calendarId                                             | no-calendar
 *                    | calendarType not in sync.calendar-types (R3)              | calendar-type:TYPE
 * echo               | a blocked slot the bridge made, or an event it imported   | echo
 * noConnectedOwner   | not deleted, and none of its owners is connected          | no-connected-owner
 * </pre>
 */
public final class SkipRules {
    private SkipRules() {
    }

    /** A skip: the counter's reason and the line logged and stored with the inbox entry. */
    public record Skip(String reason, String explanation) {
    }

    static final Set<String> APPOINTMENT_EVENTS = Set.of("AppointmentCreate", "AppointmentUpdate", "AppointmentDelete");

    /** R1, R2, R4: appointment events only; blocked slots (no contact) never go to iCloud. */
    public static Optional<Skip> notAnAppointment(String eventType, String appointmentId, String contactId) {
        if (!APPOINTMENT_EVENTS.contains(eventType) || appointmentId.isEmpty()) {
            return skip("not-appointment", "not an appointment event (type '" + eventType + "')");
        }
        if (contactId.isEmpty()) {
            return skip("blocked-slot", "a blocked slot (no contact); blocked slots never go to iCloud");
        }
        return Optional.empty();
    }

    public static Optional<Skip> noConnection(boolean locationConnected, String locationId) {
        return locationConnected ? Optional.empty()
                : skip("no-connection", "no connection is configured for location " + locationId);
    }

    /** R3: only the calendar types in {@code sync.calendar-types}; Simple calendars ({@code event}) never. */
    public static Optional<Skip> calendarType(String calendarId, String type, List<String> synced) {
        if (calendarId.isEmpty()) {
            return skip("no-calendar", "the appointment names no calendarId");
        }
        if (!synced.contains(type)) {
            return skip("calendar-type:" + type, "calendar " + calendarId + " is of type '" + type + "'");
        }
        return Optional.empty();
    }

    /** R11: what the bridge created in HighLevel from iCloud (a blocked slot, or an imported event) never goes back. */
    public static Optional<Skip> echo(boolean blockedSlotWeMade, Optional<String> importedFromHref) {
        if (blockedSlotWeMade) {
            return skip("echo", "a blocked slot the bridge made from an iCloud event");
        }
        return importedFromHref.flatMap(href -> skip("echo", "created by the bridge from iCloud event " + href));
    }

    public static Optional<Skip> noConnectedOwner(boolean deleted, boolean anyConnectedOwnerOrCopy,
            Collection<String> owners) {
        return deleted || anyConnectedOwnerOrCopy ? Optional.empty()
                : skip("no-connected-owner", "none of its users " + owners + " is connected");
    }

    private static Optional<Skip> skip(String reason, String explanation) {
        return Optional.of(new Skip(reason, explanation));
    }
}
