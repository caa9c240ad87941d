package io.hlbridge.busytime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.hlbridge.connections.ConnectionStatus;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.CalendarStateStore.CalendarState;
import io.hlbridge.store.CalendarStateStore;
import io.hlbridge.store.ResourceStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a poll that went through: the resources seen are recorded, then the new sync token. A poll
 * that failed before this step keeps the old token, and its changes come again next time; writes already made
 * are found in the store then and not repeated. An unchanged calendar writes only the time of its last poll, at most
 * once per {@link #POLLED_EVERY} per calendar and node (so a short poll interval does not write on every poll); the
 * poll's earlier failure, if any, is no longer shown.
 */
public class CommitCalendarPoll implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(CommitCalendarPoll.class);
    /** calendar_state.sync_token's size. */
    static final int LONGEST_TOKEN = 2000;
    static final long POLLED_EVERY = 10_000;
    private final CalendarStateStore calendarStates;
    private final ConnectionStatus status;
    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();
    private final ResourceStore resources;
    private final BridgeMetrics metrics;

    public CommitCalendarPoll(CalendarStateStore calendarStates, ResourceStore resources, BridgeMetrics metrics,
            ConnectionStatus status) {
        this.calendarStates = calendarStates;
        this.status = status;
        this.resources = resources;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CalendarPoll poll = CalendarPoll.of(exchange);
        String name = poll.connection().name();
        long now = System.currentTimeMillis();
        for (ResourceStore.Resource r : poll.resourceUpdates().values()) {
            resources.save(name, r, now);
        }
        for (String href : poll.forgottenResources()) {
            resources.delete(name, href);
        }
        CalendarState old = poll.state();
        String token = poll.holdToken() ? old.syncToken() : poll.newToken();
        boolean syncSupported = poll.syncSupported();
        if (token != null && token.length() > LONGEST_TOKEN) {
            LOG.warn("{}: the server's sync token is {} characters, more than the store keeps ({}); this calendar is"
                    + " listed by ETags on every poll instead", poll, token.length(), LONGEST_TOKEN);
            token = null;
            syncSupported = false;
        }
        boolean expandedNow = old.expandedUntil() == null || poll.reexpand();
        Long expandedUntil = expandedNow && !poll.holdToken() ? poll.windowEnd().toEpochMilli() : old.expandedUntil();
        // the rules the events were planned by; a held token keeps the old ones, so the next poll reads all again
        CalendarState next = new CalendarState(token, syncSupported, expandedUntil, poll.holdToken()
                && poll.refetchAll() ? old.busyRules() : poll.busyRules());
        String calendar = poll.calendar().toString();
        String key = name + " " + calendar;
        if (!next.equals(old)) {
            calendarStates.save(name, calendar, next, now);
            lastWritten.put(key, now);
        } else if (now - lastWritten.getOrDefault(key, 0L) >= POLLED_EVERY) {
            calendarStates.polled(name, calendar, now);
            lastWritten.put(key, now);
        }
        status.succeeded(name, calendar);
        metrics.increment(BridgeMetrics.POLLS, poll.nothingChanged() ? "unchanged" : "changed");
    }
}
