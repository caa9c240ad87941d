package io.hlbridge.appointments;

import java.util.LinkedHashMap;
import java.util.Map;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Which calendars to write: a PUT into the linked calendar of every connected owner ({@code assignedUserId}
 * and {@code users[]}); a DELETE wherever a copy exists that should not (cancelled, deleted, or the user is no
 * longer an owner).
 */
public class PlanCalendarWrites implements Processor {
    private final ConnectionDirectory connections;
    private final LinkStore links;

    public PlanCalendarWrites(ConnectionDirectory connections, LinkStore links) {
        this.connections = connections;
        this.links = links;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SyncWork work = exchange.getMessage().getBody(SyncWork.class);
        if (work.isSkipped()) {
            return;
        }
        Map<String, EventLink> existing = new LinkedHashMap<>();
        for (EventLink l : links.forItem(work.appointmentId())) {
            existing.put(l.connectionName(), l);
        }
        Map<String, Connection> owners = new LinkedHashMap<>();
        if (!work.deleted()) {
            for (String userId : work.appointment().owners()) {
                connections.forUser(work.appointment().locationId(), userId).ifPresent(c -> owners.put(c.name(), c));
            }
        }
        for (Connection c : owners.values()) {
            work.writes().add(new CalendarWrite(CalendarWrite.Action.PUT, work.appointmentId(), work.appointment(), c,
                    existing.get(c.name())));
        }
        for (EventLink l : existing.values()) {
            if (!owners.containsKey(l.connectionName())) {
                Connection c = connections.byName(l.connectionName()).orElse(null);
                if (c != null) {
                    work.writes().add(new CalendarWrite(CalendarWrite.Action.DELETE, work.appointmentId(),
                            work.appointment(), c, l));
                }
            }
        }
        if (work.writes().isEmpty() && !work.deleted()) {
            work.skip("skipped.no-connected-owner", "none of its users " + work.appointment().owners()
                    + " is connected");
        }
    }
}
