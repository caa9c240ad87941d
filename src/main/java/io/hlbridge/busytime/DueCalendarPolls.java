package io.hlbridge.busytime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.connections.RefusedCredentials;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The connections to poll now, grouped by Apple ID: the route queues the groups, which are polled in parallel, one
 * group's calendars one after another. Connections waiting for new credentials are left out, and so are Apple IDs
 * whose last poll is still queued or running. No request is made here, so a round over thousands of connections
 * starts at once; discovery runs per group, in parallel ({@link PollableCalendars}).
 */
public class DueCalendarPolls implements Processor {
    private final ConnectionDirectory connections;
    private final RefusedCredentials credentials;
    private final PollsInFlight inFlight;

    public DueCalendarPolls(ConnectionDirectory connections, RefusedCredentials credentials, PollsInFlight inFlight) {
        this.connections = connections;
        this.credentials = credentials;
        this.inFlight = inFlight;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        connections.refresh(); // connections created, changed or paused elsewhere take effect from this round
        Map<String, List<Connection>> byAppleId = new LinkedHashMap<>();
        for (Connection c : credentials.usable(connections.all())) {
            byAppleId.computeIfAbsent(appleId(c), k -> new ArrayList<>()).add(c);
        }
        byAppleId.keySet().removeIf(appleId -> !inFlight.queue(appleId));
        exchange.getMessage().setBody(new ArrayList<>(byAppleId.values()));
    }

    static String appleId(Connection c) {
        return c.appleId().toLowerCase(Locale.ROOT);
    }
}
