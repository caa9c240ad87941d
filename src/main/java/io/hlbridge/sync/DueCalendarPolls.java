package io.hlbridge.sync;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hlbridge.caldav.CalendarCollection;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.config.Connection;
import io.hlbridge.config.ConnectionDirectory;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calendars to poll now: the linked calendar and the conflict calendars of every connection, grouped by
 * Apple ID (the route polls groups in parallel, and one group's calendars one after another). Calendars refused
 * for reading (R8) are left out with one log line; connections waiting for new credentials are not polled.
 */
public class DueCalendarPolls implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(DueCalendarPolls.class);

    private final ConnectionDirectory connections;
    private final CalendarDiscovery discovery;
    private final RefusedCredentials credentials;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private int pastDays = 1;
    private int futureDays = 90;

    public DueCalendarPolls(ConnectionDirectory connections, CalendarDiscovery discovery,
            RefusedCredentials credentials) {
        this.connections = connections;
        this.discovery = discovery;
        this.credentials = credentials;
    }

    public void setPastDays(int pastDays) {
        this.pastDays = pastDays;
    }

    public void setFutureDays(int futureDays) {
        this.futureDays = futureDays;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Instant now = Instant.now();
        Instant windowStart = now.minus(Duration.ofDays(pastDays));
        Instant windowEnd = now.plus(Duration.ofDays(futureDays));
        Map<String, List<CalendarPoll>> byAppleId = new LinkedHashMap<>();
        for (Connection c : connections.all()) {
            if (credentials.holding(c).isPresent()) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            names.add(c.linkedCalendar());
            names.addAll(c.conflictCalendars());
            Set<URI> seen = new LinkedHashSet<>();
            for (String name : names) {
                CalendarCollection cal;
                try {
                    cal = discovery.find(c, name);
                } catch (Exception e) {
                    if (credentials.record(c, e)) {
                        break; // the connection's other calendars would be refused the same way
                    }
                    once(c.name() + "|" + name, "Connection '" + c.name() + "': calendar '" + name + "' is not polled: "
                            + e.getMessage());
                    continue;
                }
                String refusal = cal.refusalForReading().orElse(null);
                if (refusal != null) {
                    once(c.name() + "|" + name, "Connection '" + c.name() + "': calendar " + cal.label()
                            + " is not polled: " + refusal);
                } else if (seen.add(cal.url())) {
                    byAppleId.computeIfAbsent(c.appleId().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(new CalendarPoll(c, cal.url(), windowStart, windowEnd));
                }
            }
        }
        exchange.getMessage().setBody(new ArrayList<>(byAppleId.values()));
    }

    private void once(String key, String message) {
        if (reported.add(key)) {
            LOG.warn(message);
        }
    }
}
