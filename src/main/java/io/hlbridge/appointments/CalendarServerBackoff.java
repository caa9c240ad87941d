package io.hlbridge.appointments;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.inbox.RetryPolicy;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * While a connection's CalDAV server is failing (down, 5xx, 429), work for it waits without spending HighLevel
 * requests: one probe per backoff period reaches the server, the rest are postponed to when the next probe is
 * due. Postponing is not a failed attempt, so a long outage never parks work as FAILED.
 */
public class CalendarServerBackoff implements Processor {
    private record State(long until, int failures) {
    }

    private final ConnectionDirectory connections;
    private final LinkStore links;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final RetryPolicy policy;

    public CalendarServerBackoff(ConnectionDirectory connections, LinkStore links, RetryPolicy policy) {
        this.connections = connections;
        this.links = links;
        this.policy = policy;
    }

    /** Thrown instead of trying a connection whose server is in backoff. */
    public static final class Waiting extends Exception {
        private final long untilMillis;

        public Waiting(String message, long untilMillis) {
            super(message, null, false, false);
            this.untilMillis = untilMillis;
        }

        public long untilMillis() {
            return untilMillis;
        }
    }

    public void failed(Connection c, long retryAfterMillis) {
        states.compute(c.name(), (k, s) -> {
            int failures = s == null ? 1 : s.failures + 1;
            long delay = retryAfterMillis > 0 ? retryAfterMillis : policy.delayMillis(failures - 1, -1);
            return new State(System.currentTimeMillis() + delay, failures);
        });
    }

    public void succeeded(Connection c) {
        states.remove(c.name());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AppointmentWork work = ClaimInboxWork.of(exchange);
        if (work.isSkipped() || states.isEmpty()) {
            return;
        }
        Set<String> targets = new LinkedHashSet<>();
        String location = work.locationId();
        work.webhookAppointment().path("users").forEach(u -> connections.forUser(location, u.asText())
                .ifPresent(c -> targets.add(c.name())));
        connections.forUser(location, work.webhookAppointment().path("assignedUserId").asText(""))
                .ifPresent(c -> targets.add(c.name()));
        for (EventLink l : links.forItem(work.appointmentId())) {
            targets.add(l.connectionName());
        }
        long now = System.currentTimeMillis();
        long soonest = Long.MAX_VALUE;
        for (String t : targets) {
            State s = states.get(t);
            if (s == null || s.until <= now) {
                return; // at least one target may be tried now
            }
            soonest = Math.min(soonest, s.until);
        }
        if (soonest != Long.MAX_VALUE) {
            long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, (soonest - now) / 10 + 1));
            throw new Waiting("calendar server of " + targets + " is failing; waiting for it", soonest + jitter);
        }
    }
}
