package io.hlbridge.appointments;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.highlevel.CalendarTypes;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filter step, R3: only calendars whose {@code calendarType} is in {@code sync.calendar-types} sync; Simple calendars
 * ({@code event}) never do. The type comes from {@code GET /calendars/{id}} (cached). The skip is logged once per
 * calendar and counted every time.
 */
public class SyncedCalendarTypesOnly implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(SyncedCalendarTypesOnly.class);
    private final ConnectionDirectory connections;
    private final CalendarTypes calendarTypes;
    private final List<String> syncedTypes;
    private final Set<String> loggedCalendars = ConcurrentHashMap.newKeySet();

    public SyncedCalendarTypesOnly(ConnectionDirectory connections, CalendarTypes calendarTypes,
            List<String> syncedTypes) {
        this.connections = connections;
        this.calendarTypes = calendarTypes;
        this.syncedTypes = List.copyOf(syncedTypes);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AppointmentWork work = ClaimInboxWork.of(exchange);
        Connection reader = work.reader(connections);
        if (reader == null) {
            return;
        }
        String calendarId = work.webhookAppointment().path("calendarId").asText("");
        String type = calendarId.isEmpty() ? "" : calendarTypes.typeOf(reader, calendarId);
        SkipRules.calendarType(calendarId, type, syncedTypes).ifPresent(skip -> {
            if (!calendarId.isEmpty() && loggedCalendars.add(calendarId)) {
                LOG.info("Calendar {} is of type '{}', which is not in sync.calendar-types {}: its appointments are"
                        + " not synced{}", calendarId, type, syncedTypes,
                        "event".equals(type) ? " (Simple calendars never are)" : "");
            }
            work.skip(skip);
        });
    }
}
