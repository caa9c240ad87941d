package io.hlbridge.busytime;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.LocationTimeZones;
import io.hlbridge.ical.BusyInstance;
import io.hlbridge.ical.BusyInstanceExpander;
import io.hlbridge.ical.ICalendarReader;
import io.hlbridge.ical.StoredEvent;
import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.BlockedSlotStore.Slot;
import io.hlbridge.store.ResourceStore;
import net.fortuna.ical4j.model.Calendar;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.hlbridge.observe.SyncMetrics;

/**
 * Expands each changed resource into busy occurrences (R5, R9) and diffs them with the blocked slots already
 * made for it: new occurrence → create, moved or retitled → update (same slot), gone → delete; occurrences now
 * in the past are left alone. Deleted resources follow {@code sync.icloud-deletions} (R7). Events carrying our
 * origin mark are never imported (R11). A poll that would delete more than {@code sync.max-deletions-per-poll}
 * slots deletes none, logs an alert and keeps its sync token, so the deletions are planned again next time.
 */
public class PlanBlockedSlots implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(PlanBlockedSlots.class);

    /** {@code sync.icloud-deletions}. */
    public enum Deletions { IGNORE, PROPAGATE }

    private final BlockedSlotStore slots;
    private final ResourceStore resources;
    private final LocationTimeZones zones;
    private final BusyInstanceExpander expander;
    private final ResourceQuarantine quarantine;
    private final SyncMetrics metrics;
    private String titleTemplate = "Busy";
    private Deletions deletions = Deletions.IGNORE;
    private int maxDeletionsPerPoll = 50;

    public PlanBlockedSlots(BlockedSlotStore slots, ResourceStore resources, LocationTimeZones zones,
            BusyInstanceExpander expander, ResourceQuarantine quarantine, SyncMetrics metrics) {
        this.slots = slots;
        this.resources = resources;
        this.zones = zones;
        this.expander = expander;
        this.quarantine = quarantine;
        this.metrics = metrics;
    }

    public void setTitleTemplate(String titleTemplate) {
        this.titleTemplate = titleTemplate;
    }

    public void setDeletions(Deletions deletions) {
        this.deletions = deletions;
    }

    public void setMaxDeletionsPerPoll(int maxDeletionsPerPoll) {
        this.maxDeletionsPerPoll = maxDeletionsPerPoll;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CalendarPoll poll = exchange.getMessage().getBody(CalendarPoll.class);
        Connection c = poll.connection();
        Set<String> planned = new HashSet<>();
        if (!poll.parsed().isEmpty() || poll.reexpand()) {
            ZoneId zone = zones.zoneOf(c);
            Set<String> addresses = Set.of(c.appleId().toLowerCase(Locale.ROOT));
            for (CalendarPoll.Parsed p : poll.parsed()) {
                planned.add(p.href());
                plan(poll, p.href(), p.etag(), p.data(), p.calendar(), zone, addresses);
            }
            if (poll.reexpand()) {
                for (ResourceStore.Resource r : resources.toReexpand(c.name(), poll.calendar().toString())) {
                    if (planned.add(r.href()) && !poll.deleted().contains(r.href())) {
                        try {
                            plan(poll, r.href(), r.etag(), r.reexpandIcs(), ICalendarReader.parse(r.reexpandIcs()), zone,
                                    addresses);
                        } catch (ICalendarReader.Unreadable e) {
                            quarantine.record(poll, r.href(), r.etag(), "unreadable calendar data: " + e.getMessage());
                        }
                    }
                }
            }
        }
        for (String href : poll.deleted()) {
            planDeletion(poll, href);
        }
        guardDeletions(poll);
    }

    private void plan(CalendarPoll poll, String href, String etag, String data, Calendar calendar, ZoneId zone,
            Set<String> addresses) throws Exception {
        String name = poll.connection().name();
        if (StoredEvent.parse(data).ours()) {
            metrics.increment("skipped.own-event");
            poll.resourceUpdates().put(href, imported(poll, href, etag, null));
            return;
        }
        List<BusyInstance> busy;
        boolean keepText;
        try {
            busy = expander.expand(calendar, poll.windowStart(), poll.windowEnd(), zone, addresses);
            keepText = BusyInstanceExpander.isRecurring(calendar)
                    || BusyInstanceExpander.startsAtOrAfter(calendar, poll.windowEnd(), zone);
        } catch (RuntimeException e) {
            quarantine.record(poll, href, etag, "cannot expand: " + e.getMessage());
            return;
        }
        Map<String, Slot> existing = new HashMap<>();
        for (Slot s : slots.forResource(name, href)) {
            existing.put(s.instanceKey(), s);
        }
        for (BusyInstance i : busy) {
            String title = titleTemplate.replace("{summary}", i.summary().isBlank() ? "Busy" : i.summary());
            Slot before = existing.remove(i.key());
            Slot wanted = new Slot(name, href, i.key(), before == null ? null : before.slotId(),
                    i.start().toEpochMilli(), i.end().toEpochMilli(), title);
            if (before == null) {
                poll.writes().add(new SlotWrite(SlotWrite.Action.CREATE, wanted));
            } else if (before.slotId() == null) {
                poll.writes().add(new SlotWrite(SlotWrite.Action.RECOVER, wanted));
            } else if (before.start() != wanted.start() || before.end() != wanted.end()
                    || !before.title().equals(wanted.title())) {
                poll.writes().add(new SlotWrite(SlotWrite.Action.UPDATE, wanted));
            }
        }
        for (Slot gone : existing.values()) {
            boolean past = gone.end() <= poll.windowStart().toEpochMilli();
            poll.writes().add(new SlotWrite(past || gone.slotId() == null ? SlotWrite.Action.FORGET
                    : SlotWrite.Action.DELETE, gone));
        }
        if (busy.isEmpty() && !keepText && existing.values().stream().allMatch(s -> s.end() <= poll.windowStart()
                .toEpochMilli())) {
            poll.forgottenResources().add(href); // wholly in the past: nothing more to learn from it
        } else {
            poll.resourceUpdates().put(href, imported(poll, href, etag, keepText ? data : null));
        }
    }

    private void planDeletion(CalendarPoll poll, String href) throws Exception {
        List<Slot> made = slots.forResource(poll.connection().name(), href);
        for (Slot s : made) {
            boolean delete = deletions == Deletions.PROPAGATE && s.slotId() != null
                    && s.end() > poll.windowStart().toEpochMilli();
            poll.writes().add(new SlotWrite(delete ? SlotWrite.Action.DELETE : SlotWrite.Action.FORGET, s));
        }
        if (!made.isEmpty() && deletions == Deletions.IGNORE) {
            metrics.increment("icloud-deletions.ignored");
            LOG.info("{}: {} was deleted in iCloud; its {} blocked slot(s) stay in HighLevel"
                    + " (sync.icloud-deletions=ignore)", poll, href, made.size());
        }
        poll.forgottenResources().add(href);
    }

    private void guardDeletions(CalendarPoll poll) {
        long deletes = poll.writes().stream().filter(w -> w.action() == SlotWrite.Action.DELETE).count();
        if (deletes <= maxDeletionsPerPoll) {
            return;
        }
        Set<String> held = new LinkedHashSet<>();
        poll.writes().removeIf(w -> {
            if (w.action() == SlotWrite.Action.DELETE || (w.action() == SlotWrite.Action.FORGET
                    && poll.deleted().contains(w.slot().href()))) {
                held.add(w.slot().href());
                return true;
            }
            return false;
        });
        held.forEach(h -> {
            poll.resourceUpdates().remove(h);
            poll.forgottenResources().remove(h);
        });
        poll.setHoldToken(true);
        metrics.increment("poll.deletions-refused");
        LOG.error("ALERT {}: {} blocked slots would be deleted in one poll, more than sync.max-deletions-per-poll={};"
                + " none deleted. If the iCloud calendar really lost these events, raise the limit for one poll.",
                poll, deletes, maxDeletionsPerPoll);
    }

    private static ResourceStore.Resource imported(CalendarPoll poll, String href, String etag, String text) {
        return new ResourceStore.Resource(href, poll.calendar().toString(), etag, ResourceStore.Status.IMPORTED, null,
                text);
    }
}
