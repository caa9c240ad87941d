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
import io.hlbridge.observe.SyncMetrics;

/**
 * R3: only calendars whose {@code calendarType} is in {@code sync.calendar-types} sync; Simple calendars
 * ({@code event}) never do. The skip is logged once per calendar and counted every time.
 */
public class SyncedCalendarTypesOnly implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(SyncedCalendarTypesOnly.class);
    private final ConnectionDirectory connections;
    private final CalendarTypes calendarTypes;
    private final SyncMetrics metrics;
    private final Set<String> loggedCalendars = ConcurrentHashMap.newKeySet();
    private List<String> syncedTypes = List.of("round_robin", "collective", "class_booking", "service_booking");

    public SyncedCalendarTypesOnly(ConnectionDirectory connections, CalendarTypes calendarTypes, SyncMetrics metrics) {
        this.connections = connections;
        this.calendarTypes = calendarTypes;
        this.metrics = metrics;
    }

    public void setSyncedTypes(List<String> syncedTypes) {
        this.syncedTypes = List.copyOf(syncedTypes);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SyncWork work = exchange.getMessage().getBody(SyncWork.class);
        if (work.isSkipped()) {
            return;
        }
        Connection reader = connections.anyIn(work.locationId()).orElse(null);
        if (reader == null) {
            work.skip("skipped.no-connection", "no connection is configured for location " + work.locationId());
            return;
        }
        work.setReadConnection(reader);
        String calendarId = work.webhookAppointment().path("calendarId").asText("");
        if (calendarId.isEmpty()) {
            work.skip("skipped.no-calendar", "the appointment names no calendarId");
            return;
        }
        String type = calendarTypes.typeOf(reader, calendarId);
        if (!syncedTypes.contains(type)) {
            metrics.increment("skipped.calendar-type." + type);
            if (loggedCalendars.add(calendarId)) {
                LOG.info("Calendar {} is of type '{}', which is not in sync.calendar-types {}: its appointments are"
                        + " not synced{}", calendarId, type, syncedTypes,
                        "event".equals(type) ? " (Simple calendars never are)" : "");
            }
            work.skip("skipped.calendar-type", "calendar " + calendarId + " is of type '" + type + "'");
        }
    }
}
