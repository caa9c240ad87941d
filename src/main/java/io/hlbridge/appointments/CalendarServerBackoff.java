package io.hlbridge.appointments;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.HighLevelCredentials;
import io.hlbridge.inbox.RetryPolicy;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Keeps one failing or slow server from taking the workers. While a connection's CalDAV server is failing (down,
 * 5xx, 429, cut off at its deadline), work for it waits without spending HighLevel requests: one probe per backoff
 * period reaches the server, the rest are postponed to when the next probe is due. No location and no connection
 * holds more than half the workers at once ({@code share}), and while one answers slowly (a connection's calendar
 * writes, or a location's HighLevel reads, taking more than {@link #SLOW_MILLIS} or cut off), at most one work at a
 * time waits on it; the others are postponed a moment and the workers serve everyone else. Postponing is not a failed
 * attempt, so a long outage never parks work as FAILED.
 */
public class CalendarServerBackoff implements Processor, HighLevelClient.ExchangeObserver {
    /** An exchange slower than this marks its server slow, until one is fast again. */
    static final long SLOW_MILLIS = 2_000;
    /** How long work for a slow server waits for the one already on it. */
    private static final long SLOW_POSTPONE_MILLIS = 1_000;

    private record State(long until, int failures) {
    }

    private final ConnectionDirectory connections;
    private final LinkStore links;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Set<String> slow = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final RetryPolicy policy;
    private final int share;

    /** @param workers {@code sync.concurrency}: one location or connection may hold half of them */
    public CalendarServerBackoff(ConnectionDirectory connections, LinkStore links, RetryPolicy policy, int workers) {
        this.connections = connections;
        this.links = links;
        this.policy = policy;
        this.share = Math.max(1, workers / 2);
    }

    /** Thrown instead of trying a connection whose server is in backoff, or busy and slow. */
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

    /** How long an exchange with a connection's calendar server took. */
    public void tookCalendar(Connection c, long millis) {
        took(c.name(), millis);
    }

    /** A location's HighLevel reads are slow while one takes longer than {@link #SLOW_MILLIS}. */
    @Override
    public void answered(HighLevelCredentials c, String method, String path, int status, long millis) {
        took(locationKey(c.locationId()), millis);
    }

    @Override
    public void unanswered(HighLevelCredentials c, String method, String path, long millis) {
        took(locationKey(c.locationId()), Long.MAX_VALUE);
    }

    private void took(String key, long millis) {
        if (millis > SLOW_MILLIS) {
            slow.add(key);
        } else {
            slow.remove(key);
        }
    }

    private static String locationKey(String locationId) {
        return "location:" + locationId;
    }

    /**
     * Why work waits, from when, and over how long after that its return is spread (so the waiting work does not come
     * back at once); {@link #GO} when it may run now.
     */
    record Verdict(String waitReason, long until, long spread) {
        static final Verdict GO = new Verdict(null, 0, 0);

        boolean waits() {
            return waitReason != null;
        }
    }

    /**
     * The rule, as a table (CalendarServerBackoffTest): work waits while one of its keys (its target connections and
     * its location) already holds {@code share} works, or is slow and holds one; else while every target's server is
     * in backoff, until the soonest one may be probed. Work with no failing target, or one whose backoff has run out,
     * goes.
     *
     * @param keys the target connections' names and the location's key
     * @param busy works in flight per key
     * @param failingUntil per connection in backoff, when its next probe is due
     */
    static Verdict decide(Set<String> targets, Set<String> keys, Map<String, Integer> busy, Set<String> slow,
            Map<String, Long> failingUntil, int share, long now) {
        for (String key : keys) {
            int inWork = busy.getOrDefault(key, 0);
            if (inWork >= share || slow.contains(key) && inWork > 0) {
                return new Verdict(key + " has " + inWork + " appointment(s) in work" + (slow.contains(key)
                        ? " and answers slowly" : "") + "; this one waits its turn", now + SLOW_POSTPONE_MILLIS,
                        SLOW_POSTPONE_MILLIS);
            }
        }
        long soonest = Long.MAX_VALUE;
        for (String t : targets) {
            Long until = failingUntil.get(t);
            if (until == null || until <= now) {
                return Verdict.GO; // at least one target may be tried now
            }
            soonest = Math.min(soonest, until);
        }
        return soonest == Long.MAX_VALUE ? Verdict.GO
                : new Verdict("calendar server of " + targets + " is failing; waiting for it", soonest,
                        Math.max(1, (soonest - now) / 10 + 1));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AppointmentWork work = ClaimInboxWork.of(exchange);
        Set<String> targets = targets(work);
        Set<String> keys = new LinkedHashSet<>(targets);
        keys.add(locationKey(work.locationId()));
        long now = System.currentTimeMillis();
        Map<String, Integer> busy = new HashMap<>();
        keys.forEach(k -> busy.put(k, inFlight.getOrDefault(k, new AtomicInteger()).get()));
        Map<String, Long> failingUntil = new HashMap<>();
        targets.forEach(t -> Optional.ofNullable(states.get(t)).ifPresent(st -> failingUntil.put(t, st.until)));
        Verdict verdict = decide(targets, keys, busy, slow, failingUntil, share, now);
        if (verdict.waits()) {
            throw new Waiting(verdict.waitReason(), verdict.until() + ThreadLocalRandom.current().nextLong(
                    verdict.spread()));
        }
        keys.forEach(k -> inFlight.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange e) {
                keys.forEach(k -> inFlight.get(k).decrementAndGet());
            }
        });
    }

    /** The connections the work will write to: its owners' and those holding a copy. */
    private Set<String> targets(AppointmentWork work) throws Exception {
        Set<String> targets = new LinkedHashSet<>();
        String location = work.locationId();
        work.webhookAppointment().path("users").forEach(u -> connections.forUser(location, u.asText())
                .ifPresent(c -> targets.add(c.name())));
        connections.forUser(location, work.webhookAppointment().path("assignedUserId").asText(""))
                .ifPresent(c -> targets.add(c.name()));
        for (EventLink l : links.forItem(work.appointmentId())) {
            targets.add(l.connectionName());
        }
        return targets;
    }
}
