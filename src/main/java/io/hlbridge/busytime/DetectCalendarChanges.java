package io.hlbridge.busytime;

import java.time.Duration;
import java.util.Map;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarQueryEtags;
import io.hlbridge.caldav.SyncCollectionReport;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.CalendarStateStore.CalendarState;
import io.hlbridge.store.CalendarStateStore;
import io.hlbridge.store.ResourceStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What changed in the calendar since the last complete poll, at a cost proportional to the changes:
 * {@code sync-collection} from the stored token. An invalid token (403 {@code valid-sync-token}) is dropped for a
 * full resync: the calendar's current token, then a calendar-query over the window diffed by ETag against what
 * was seen before, so nothing is imported twice. A server without sync-collection gets that etag diff every time.
 * When the connection's busy rules (all-day, slot title) differ from those the calendar was last planned by, every
 * listed event is fetched and planned again, so each slot follows the new choice: decided here, at poll time, a
 * change made while a poll runs is never lost.
 */
public class DetectCalendarChanges implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(DetectCalendarChanges.class);
    /** Query padding: all-day and floating events are placed by the server in a zone it chooses (RFC 4791 §7.3). */
    private static final Duration PAD = Duration.ofDays(1);
    /** The store's href columns. */
    static final int LONGEST_HREF = 2000;
    /** Recurring events are expanded again once the window end moved this far. */
    private static final Duration REEXPAND_STEP = Duration.ofHours(12);

    private final CalendarStateStore calendarStates;
    private final ResourceStore resources;
    private final SyncCollectionReport syncReport;
    private final CalendarQueryEtags query;
    private final BridgeMetrics metrics;
    private final BusyTimeSettings settings;

    public DetectCalendarChanges(CalendarStateStore calendarStates, ResourceStore resources,
            SyncCollectionReport syncReport, CalendarQueryEtags query, BridgeMetrics metrics,
            BusyTimeSettings settings) {
        this.calendarStates = calendarStates;
        this.resources = resources;
        this.syncReport = syncReport;
        this.query = query;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CalendarPoll poll = CalendarPoll.of(exchange);
        CalendarState state = calendarStates.get(poll.connection().name(), poll.calendar().toString());
        poll.setState(state);
        poll.setSyncSupported(state.syncSupported());
        Long expanded = state.expandedUntil();
        poll.setReexpand(expanded != null
                && poll.windowEnd().toEpochMilli() - expanded >= REEXPAND_STEP.toMillis());
        metrics.increment(BridgeMetrics.POLLS_STARTED);
        poll.setBusyRules(settings.rulesOf(poll.connection()));
        if (state.busyRules() != null && !state.busyRules().equals(poll.busyRules())) {
            LOG.info("{}: the connection's all-day or slot-title choice changed; every event is read again", poll);
            poll.setRefetchAll(true);
            fullResync(poll, state.syncSupported() ? syncReport.currentToken(poll.connection(), poll.calendar())
                    : null);
            return;
        }
        if (!state.syncSupported()) {
            fullResync(poll, null);
            return;
        }
        try {
            SyncCollectionReport.Changes changes = syncReport.changesSince(poll.connection(), poll.calendar(),
                    state.syncToken());
            poll.changed().putAll(changes.changed());
            poll.deleted().addAll(changes.deleted());
            poll.setNewToken(changes.token());
            dropOverlongHrefs(poll);
        } catch (CalDavException.SyncTokenInvalid e) {
            tokenRefused(poll, e.getMessage());
        } catch (CalDavException.RetryLater e) {
            // Some servers (Xandikos) answer 500 to a token they do not know. If the collection itself still answers,
            // the token is what it cannot handle: treat it as refused rather than failing every poll from now on.
            if (e.status() != 500 || state.syncToken() == null || state.syncToken().isEmpty()) {
                throw e;
            }
            tokenRefused(poll, "REPORT sync-collection answered 500 for the stored token");
        } catch (CalDavException.SyncUnsupported e) {
            LOG.info("{}: the server has no sync-collection ({}); this calendar is listed by ETags on every poll",
                    poll, e.getMessage());
            poll.setSyncSupported(false);
            fullResync(poll, null);
        }
    }

    /**
     * An href longer than the store's columns (2,000 characters; iCloud's are about 100) cannot be remembered, so it
     * would fail its calendar's every poll: it is left out, with a warning.
     */
    private static void dropOverlongHrefs(CalendarPoll poll) {
        int before = poll.changed().size() + poll.deleted().size();
        poll.changed().keySet().removeIf(h -> h.length() > LONGEST_HREF);
        poll.deleted().removeIf(h -> h.length() > LONGEST_HREF);
        int dropped = before - poll.changed().size() - poll.deleted().size();
        if (dropped > 0) {
            LOG.warn("{}: {} resource(s) with an href over {} characters left out", poll, dropped, LONGEST_HREF);
        }
    }

    private void tokenRefused(CalendarPoll poll, String why) throws Exception {
        metrics.increment(BridgeMetrics.TOKEN_REFUSED);
        LOG.warn("{}: {}; dropping the sync token for a full resync", poll, why);
        fullResync(poll, syncReport.currentToken(poll.connection(), poll.calendar()));
    }

    /**
     * Every event from the window start on (later ones are kept to import as the window reaches them), by ETag;
     * members seen before and no longer listed are added with no ETag, so the fetch tells deleted ones (404) from ones
     * that only left the window.
     */
    private void fullResync(CalendarPoll poll, String token) throws Exception {
        poll.setNewToken(token);
        Map<String, String> listed = query.list(poll.connection(), poll.calendar(), poll.windowStart().minus(PAD), null);
        poll.changed().putAll(listed);
        for (ResourceStore.Resource r : resources.inCalendar(poll.connection().name(), poll.calendar().toString())
                .values()) {
            poll.changed().putIfAbsent(r.href(), null);
        }
        dropOverlongHrefs(poll);
    }
}
