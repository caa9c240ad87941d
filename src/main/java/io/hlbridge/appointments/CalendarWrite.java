package io.hlbridge.appointments;

import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.store.EventLink;

/**
 * One connection's linked calendar and what the appointment means for it.
 *
 * @param wanted whether the event should be there: the user owns the appointment and it is not cancelled or deleted
 * @param link   the existing link for this connection, or null
 */
public record CalendarWrite(String appointmentId, Appointment appointment, Connection connection, EventLink link,
        boolean wanted) {
}
