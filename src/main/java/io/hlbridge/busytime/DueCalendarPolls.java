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
 * The connections to poll now, grouped by Apple ID: the route polls groups in parallel and one group's calendars
 * one after another. Connections waiting for new credentials are left out. No request is made here, so a round
 * over thousands of connections starts at once; discovery runs per group, in parallel ({@link PollableCalendars}).
 */
public class DueCalendarPolls implements Processor {
    private final ConnectionDirectory connections;
    private final RefusedCredentials credentials;

    public DueCalendarPolls(ConnectionDirectory connections, RefusedCredentials credentials) {
        this.connections = connections;
        this.credentials = credentials;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<String, List<Connection>> byAppleId = new LinkedHashMap<>();
        for (Connection c : credentials.usable(connections.all())) {
            byAppleId.computeIfAbsent(c.appleId().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(c);
        }
        exchange.getMessage().setBody(new ArrayList<>(byAppleId.values()));
    }
}
