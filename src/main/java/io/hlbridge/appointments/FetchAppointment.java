package io.hlbridge.appointments;

import java.util.Optional;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.highlevel.HighLevelClient;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads the full appointment ({@code GET /calendars/events/appointments/{id}}) with the token of a connection of its
 * location: the webhook lacks rrule and description, and one fresh read makes every pending event of the appointment
 * current at once. Gone, cancelled, or named in an AppointmentDelete: deleted.
 */
public class FetchAppointment implements Processor {
    private final ConnectionDirectory connections;
    private final HighLevelClient highLevel;

    public FetchAppointment(ConnectionDirectory connections, HighLevelClient highLevel) {
        this.connections = connections;
        this.highLevel = highLevel;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AppointmentWork work = ClaimInboxWork.of(exchange);
        Connection reader = work.reader(connections);
        if (reader == null) {
            return;
        }
        Optional<Appointment> a = highLevel.getAppointment(reader, work.appointmentId());
        work.fetched(a.orElse(null), a.isEmpty() || a.get().cancelled() || work.anyEventOfType("AppointmentDelete"));
    }
}
