package io.hlbridge.appointments;

import java.util.Optional;

import io.hlbridge.highlevel.Appointment;
import io.hlbridge.highlevel.HighLevelClient;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads the full appointment ({@code GET /calendars/events/appointments/{id}}): the webhook lacks rrule and
 * description, and one fresh read makes every pending event of the appointment current at once. Gone,
 * cancelled, or named in an AppointmentDelete → deleted.
 */
public class FetchAppointment implements Processor {
    private final HighLevelClient highLevel;

    public FetchAppointment(HighLevelClient highLevel) {
        this.highLevel = highLevel;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SyncWork work = exchange.getMessage().getBody(SyncWork.class);
        if (work.isSkipped()) {
            return;
        }
        Optional<Appointment> a = highLevel.getAppointment(work.readConnection(), work.appointmentId());
        a.ifPresent(work::setAppointment);
        work.setDeleted(a.isEmpty() || a.get().cancelled() || work.anyEventOfType("AppointmentDelete"));
    }
}
