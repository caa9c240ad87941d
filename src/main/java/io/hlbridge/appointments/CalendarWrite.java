package io.hlbridge.appointments;

import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.store.EventLink;

/**
 * One write to one user's linked calendar: put the appointment's event there, or delete it.
 *
 * @param link the existing link for this connection, or null
 */
public record CalendarWrite(Action action, String appointmentId, Appointment appointment, Connection connection,
        EventLink link) {

    public enum Action { PUT, DELETE }
}
