package io.hlbridge.busytime;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.config.BlockedSlotScope;
import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.BlockedSlotRequest;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.BlockedSlotStore.Slot;
import io.hlbridge.store.BlockedSlotStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the planned blocked-slot writes, each recorded as it succeeds, and logs each. A create is recorded before
 * its POST (no slot id yet). A RECOVER (a record left without an id by a crash, or any new occurrence on a store that
 * never polled the calendar) first looks among HighLevel's blocked slots of the owner for one of the same times and
 * title that no record claims, and adopts it instead of posting a second one; HighLevel is listed once per poll for
 * this. HighLevel refusing one resource's slot (4xx other than 429) sets that resource aside and the others go on;
 * anything else fails the poll, which keeps its sync token.
 */
public class WriteBlockedSlots implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBlockedSlots.class);

    private final HighLevelClient highLevel;
    private final BlockedSlotStore slots;
    private final ResourceQuarantine quarantine;
    private final BridgeMetrics metrics;
    private final BlockedSlotScope scope;

    public WriteBlockedSlots(HighLevelClient highLevel, BlockedSlotStore slots, ResourceQuarantine quarantine,
            BridgeMetrics metrics, BlockedSlotScope scope) {
        this.highLevel = highLevel;
        this.slots = slots;
        this.quarantine = quarantine;
        this.metrics = metrics;
        this.scope = scope;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CalendarPoll poll = CalendarPoll.of(exchange);
        Set<String> refused = new HashSet<>();
        Adoptable adoptable = new Adoptable(poll);
        for (SlotWrite w : poll.writes()) {
            if (refused.contains(w.slot().href())) {
                continue;
            }
            try {
                apply(poll.connection(), w, adoptable);
            } catch (HighLevelApiException e) {
                if (e.status() / 100 != 4 || e.status() == 429) {
                    throw e;
                }
                refused.add(w.slot().href());
                quarantine.record(poll, w.slot().href(), etagOf(poll, w), e.getMessage());
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("22")) {
                    throw e; // the store is down: the poll fails and keeps its token
                }
                refused.add(w.slot().href()); // this resource's data is what the store refuses
                quarantine.record(poll, w.slot().href(), etagOf(poll, w), "the store cannot take it: " + e.getMessage());
            }
        }
    }

    private static String etagOf(CalendarPoll poll, SlotWrite w) {
        return poll.resourceUpdates().containsKey(w.slot().href()) ? poll.resourceUpdates().get(w.slot().href()).etag()
                : null;
    }

    private void apply(Connection c, SlotWrite w, Adoptable adoptable) throws Exception {
        Slot s = w.slot();
        switch (w.action()) {
            case CREATE -> create(c, s);
            case RECOVER -> {
                String adopted = adoptable.take(c, s);
                if (adopted == null) {
                    create(c, s);
                } else {
                    slots.save(s.withSlotId(adopted));
                    metrics.increment(BridgeMetrics.SLOTS, "adopted");
                    LOG.info("Blocked slot {} adopted for {} of '{}': HighLevel already held it", adopted, s.href(),
                            c.name());
                }
            }
            case UPDATE -> {
                try {
                    highLevel.updateBlockedSlot(c, s.slotId(), request(c, s));
                    slots.save(s);
                    metrics.increment(BridgeMetrics.SLOTS, "updated");
                    LOG.info("Blocked slot {} of '{}' moved to {} - {}", s.slotId(), c.name(),
                            Instant.ofEpochMilli(s.start()), Instant.ofEpochMilli(s.end()));
                } catch (HighLevelApiException e) {
                    if (e.status() != 404) {
                        throw e;
                    }
                    create(c, s.withSlotId(null)); // removed in HighLevel meanwhile: the busy time still holds
                }
            }
            case DELETE -> {
                highLevel.deleteEvent(c, s.slotId());
                slots.delete(s);
                metrics.increment(BridgeMetrics.SLOTS, "deleted");
                LOG.info("Blocked slot {} of '{}' deleted ({} is no longer busy then)", s.slotId(), c.name(), s.href());
            }
            case FORGET -> slots.delete(s);
        }
    }

    private void create(Connection c, Slot s) throws Exception {
        slots.save(s.withSlotId(null));
        String id = highLevel.createBlockedSlot(c, request(c, s));
        slots.save(s.withSlotId(id));
        metrics.increment(BridgeMetrics.SLOTS, "created");
        LOG.info("Blocked slot {} created for '{}': {} - {} ({})", id, c.name(), Instant.ofEpochMilli(s.start()),
                Instant.ofEpochMilli(s.end()), s.href());
    }

    private BlockedSlotRequest request(Connection c, Slot s) {
        return new BlockedSlotRequest(s.title(), Instant.ofEpochMilli(s.start()), Instant.ofEpochMilli(s.end()), scope,
                scope == BlockedSlotScope.USER ? c.userId() : c.calendarId());
    }

    /**
     * HighLevel's blocked slots of the poll's owner over its window, listed on the first RECOVER only, by times and
     * title; each is taken once, and never when a record of ours already claims it.
     */
    private final class Adoptable {
        private final CalendarPoll poll;
        private Map<String, Deque<String>> byTimesAndTitle;

        Adoptable(CalendarPoll poll) {
            this.poll = poll;
        }

        String take(Connection c, Slot s) throws Exception {
            if (byTimesAndTitle == null) {
                byTimesAndTitle = new HashMap<>();
                String owner = scope == BlockedSlotScope.USER ? c.userId() : c.calendarId();
                for (JsonNode e : highLevel.listBlockedSlots(c, scope, owner,
                        poll.windowStart().minus(Duration.ofDays(1)), poll.windowEnd().plus(Duration.ofDays(1)))) {
                    String id = e.path("id").asText("");
                    Long start = millis(e.path("startTime"));
                    Long end = millis(e.path("endTime"));
                    if (!id.isEmpty() && start != null && end != null) {
                        byTimesAndTitle.computeIfAbsent(key(start, end, e.path("title").asText()),
                                k -> new ArrayDeque<>()).add(id);
                    }
                }
            }
            Deque<String> candidates = byTimesAndTitle.getOrDefault(key(s.start(), s.end(), s.title()),
                    new ArrayDeque<>());
            while (!candidates.isEmpty()) {
                String id = candidates.poll();
                if (!slots.isOurs(id)) {
                    return id;
                }
            }
            return null;
        }

        private static String key(long start, long end, String title) {
            return start + "/" + end + "/" + title;
        }

        private static Long millis(JsonNode time) {
            try {
                return OffsetDateTime.parse(time.asText()).toInstant().toEpochMilli();
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
