package io.hlbridge.appointments;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Filter step: appointment events only (R1, R2); blocked slots never go to iCloud (R4). See {@link SkipRules}. */
public class AppointmentEventsOnly implements Processor {

    @Override
    public void process(Exchange exchange) {
        AppointmentWork work = ClaimInboxWork.of(exchange);
        SkipRules.notAnAppointment(work.eventType(), work.appointmentId(),
                work.webhookAppointment().path("contactId").asText("")).ifPresent(work::skip);
    }
}
