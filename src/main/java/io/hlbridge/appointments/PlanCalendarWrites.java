package io.hlbridge.appointments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Which linked calendars the appointment concerns: that of every connected owner ({@code assignedUserId} and
 * {@code users[]}), and every one holding a copy (which goes when the user is no longer an owner, or the appointment
 * is cancelled or deleted). {@link CalendarWriteDecision} decides what each gets.
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
        AppointmentWork work = ClaimInboxWork.of(exchange);
        Map<String, EventLink> existing = new LinkedHashMap<>();
        for (EventLink l : links.forItem(work.appointmentId())) {
            existing.put(l.connectionName(), l);
        }
        Map<String, Connection> owners = new LinkedHashMap<>();
        Set<String> ownerIds = work.deleted() ? Set.of() : work.appointment().owners();
        for (String userId : ownerIds) {
            connections.forUser(work.appointment().locationId(), userId).ifPresent(c -> owners.put(c.name(), c));
        }
        List<CalendarWrite> writes = new ArrayList<>();
        for (Connection c : owners.values()) {
            writes.add(new CalendarWrite(work.appointmentId(), work.appointment(), c, existing.get(c.name()), true));
        }
        for (EventLink l : existing.values()) {
            if (!owners.containsKey(l.connectionName())) {
                connections.byName(l.connectionName()).ifPresent(c -> writes.add(new CalendarWrite(
                        work.appointmentId(), work.appointment(), c, l, false)));
            }
        }
        SkipRules.noConnectedOwner(work.deleted(), !writes.isEmpty(), ownerIds).ifPresent(work::skip);
        work.planned(writes);
    }
}
