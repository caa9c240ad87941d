package io.hlbridge.appointments;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Only appointment events go to iCloud (R1, R2). Blocked slots never do (R4): they carry no contact, and the
 * ones we created ourselves are known to the link store (see {@link IgnoreOwnEchoes}).
 */
public class AppointmentEventsOnly implements Processor {
    static final Set<String> TYPES = Set.of("AppointmentCreate", "AppointmentUpdate", "AppointmentDelete");

    @Override
    public void process(Exchange exchange) {
        SyncWork work = exchange.getMessage().getBody(SyncWork.class);
        if (!TYPES.contains(work.eventType()) || work.appointmentId().isEmpty()) {
            work.skip("skipped.not-appointment", "not an appointment event (type '" + work.eventType() + "')");
        } else if (work.webhookAppointment().path("contactId").asText("").isEmpty()) {
            work.skip("skipped.blocked-slot", "a blocked slot (no contact); blocked slots never go to iCloud");
        }
    }
}
