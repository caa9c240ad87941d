package io.hlbridge.busytime;

import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.hlbridge.config.DeletionPolicy;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.LocationTimeZones;
import io.hlbridge.ical.BusyInstance;
import io.hlbridge.ical.BusyInstanceExpander;
import io.hlbridge.ical.ICalendarReader;
import io.hlbridge.ical.ReexpansionText;
import io.hlbridge.ical.StoredEvent;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.BlockedSlotStore.Slot;
import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.ResourceStore;
import net.fortuna.ical4j.model.Calendar;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands each changed resource into busy occurrences (R5, R9) and plans the blocked-slot writes that
 * {@link BlockedSlotDiff} decides for it; occurrences now in the past are left alone. Deleted resources follow
 * {@code sync.icloud-deletions} (R7). A connection's own choices (all-day, slot title, deletions) come before the
 * global keys. Events carrying our origin mark are never imported (R11). The next step,
 * {@link GuardBulkDeletions}, holds back a poll's deletions when there are too many.
 */
public class PlanBlockedSlots implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(PlanBlockedSlots.class);

    private final BlockedSlotStore slots;
    private final ResourceStore resources;
    private final LocationTimeZones zones;
    private final BusyInstanceExpander expander;
    private final ResourceQuarantine quarantine;
    private final BridgeMetrics metrics;
    private final BusyTimeSettings settings;

    public PlanBlockedSlots(BlockedSlotStore slots, ResourceStore resources, LocationTimeZones zones,
            BusyInstanceExpander expander, ResourceQuarantine quarantine, BridgeMetrics metrics,
            BusyTimeSettings settings) {
        this.slots = slots;
        this.resources = resources;
        this.zones = zones;
        this.expander = expander;
        this.quarantine = quarantine;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CalendarPoll poll = CalendarPoll.of(exchange);
        Connection c = poll.connection();
        Set<String> planned = new HashSet<>();
        Budget budget = new Budget(settings.maxOccurrencesPerPoll());
        if (!poll.parsed().isEmpty() || poll.reexpand()) {
            ZoneId zone = zones.zoneOf(c);
            Set<String> addresses = Set.of(c.appleId().toLowerCase(Locale.ROOT));
            for (CalendarPoll.Parsed p : poll.parsed()) {
                planned.add(p.href());
                planWithin(budget, poll, p.href(), p.etag(), p.data(), p.calendar(), zone, addresses);
            }
            if (poll.reexpand()) {
                for (ResourceStore.Resource r : resources.toReexpand(c.name(), poll.calendar().toString())) {
                    if (planned.add(r.href()) && !poll.deleted().contains(r.href())) {
                        try {
                            planWithin(budget, poll, r.href(), r.etag(), r.reexpandIcs(),
                                    ICalendarReader.parse(r.reexpandIcs()), zone, addresses);
                        } catch (ICalendarReader.Unreadable e) {
                            quarantine.record(poll, r.href(), r.etag(), "unreadable calendar data: " + e.getMessage());
                        }
                    }
                }
            }
        }
        if (budget.deferred > 0) {
            poll.setHoldToken(true); // the deferred ones are listed again, the planned ones found unchanged
            LOG.info("{}: {} resource(s) wait for the next poll (sync.max-occurrences-per-poll={})", poll,
                    budget.deferred, settings.maxOccurrencesPerPoll());
        }
        for (String href : poll.deleted()) {
            planDeletion(poll, href);
        }
    }

    /** Occurrences one poll may still expand. */
    private static final class Budget {
        private int left;
        private int deferred;

        Budget(int left) {
            this.left = left;
        }
    }

    /**
     * Plans one resource while the poll's budget lasts, and sets it aside on its own when it fails: one poisoned
     * resource (too many occurrences, data the store cannot take) never fails its calendar's poll. A failure of the
     * store itself does fail the poll, which keeps its token.
     */
    private void planWithin(Budget budget, CalendarPoll poll, String href, String etag, String data,
            Calendar calendar, ZoneId zone, Set<String> addresses) throws Exception {
        if (budget.left <= 0) {
            budget.deferred++;
            return;
        }
        try {
            budget.left -= plan(poll, href, etag, data, calendar, zone, addresses);
        } catch (RuntimeException e) {
            quarantine.record(poll, href, etag, "cannot expand: " + e.getMessage());
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("22")) {
                throw e;
            }
            quarantine.record(poll, href, etag, "the store cannot take it: " + e.getMessage());
        }
    }

    /** Plans one resource's writes; returns how many occurrences it has in the window. */
    private int plan(CalendarPoll poll, String href, String etag, String data, Calendar calendar, ZoneId zone,
            Set<String> addresses) throws SQLException {
        String name = poll.connection().name();
        if (StoredEvent.parse(data).ours()) {
            metrics.increment(BridgeMetrics.OWN_EVENTS);
            poll.resourceUpdates().put(href, imported(poll, href, etag, null));
            return 0;
        }
        SyncChoices chosen = settings.of(poll.connection());
        List<BusyInstance> busy = expander.expand(calendar, poll.windowStart(), poll.windowEnd(), zone, addresses,
                chosen.allDay());
        String keepText = null;
        if (BusyInstanceExpander.isRecurring(calendar)
                || BusyInstanceExpander.startsAtOrAfter(calendar, poll.windowEnd(), zone)) {
            keepText = ReexpansionText.of(data).orElseThrow(() -> new IllegalArgumentException("the series is too large"
                    + " to keep for expanding it again as the window moves (over " + ReexpansionText.LONGEST
                    + " characters without its notes and alarms)"));
        }
        List<Slot> recorded = slots.forResource(name, href);
        poll.writes().addAll(BlockedSlotDiff.forResource(name, href, busy, recorded, chosen.blockedSlotTitle(),
                poll.windowStart().toEpochMilli(), poll.state().isNew()));
        Set<String> busyKeys = busy.stream().map(BusyInstance::key).collect(Collectors.toSet());
        if (busy.isEmpty() && keepText == null && recorded.stream().filter(r -> !busyKeys.contains(r.instanceKey()))
                .allMatch(r -> r.end() <= poll.windowStart().toEpochMilli())) {
            poll.forgottenResources().add(href); // wholly in the past: nothing more to learn from it
        } else {
            poll.resourceUpdates().put(href, imported(poll, href, etag, keepText));
        }
        return busy.size();
    }

    private void planDeletion(CalendarPoll poll, String href) throws Exception {
        List<Slot> made = slots.forResource(poll.connection().name(), href);
        DeletionPolicy deletions = settings.of(poll.connection()).icloudDeletions();
        poll.writes().addAll(BlockedSlotDiff.forDeletedResource(made, deletions, poll.windowStart().toEpochMilli()));
        if (!made.isEmpty() && deletions == DeletionPolicy.IGNORE) {
            metrics.increment(BridgeMetrics.DELETIONS_IGNORED);
            LOG.info("{}: {} was deleted in iCloud; its {} blocked slot(s) stay in HighLevel"
                    + " (icloud-deletions=ignore)", poll, href, made.size());
        }
        poll.forgottenResources().add(href);
    }

    private static ResourceStore.Resource imported(CalendarPoll poll, String href, String etag, String text) {
        return new ResourceStore.Resource(href, poll.calendar().toString(), etag, ResourceStore.Status.IMPORTED, null,
                text);
    }
}
