package io.hlbridge.busytime;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.BlockedSlotRequest;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.BlockedSlotStore.Slot;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.hlbridge.observe.SyncMetrics;

/**
 * Applies the planned blocked-slot writes, each recorded as it succeeds. A create is recorded before its POST
 * (no slot id yet); a record left without an id by a crash is matched against HighLevel's blocked slots of that
 * time and adopted instead of posted twice. HighLevel refusing one resource's slot (4xx other than 429) sets that
 * resource aside and the others go on; anything else fails the poll, which keeps its sync token.
 */
public class WriteBlockedSlots implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBlockedSlots.class);

    private final HighLevelClient highLevel;
    private final BlockedSlotStore slots;
    private final ResourceQuarantine quarantine;
    private final SyncMetrics metrics;
    private BlockedSlotRequest.Scope scope = BlockedSlotRequest.Scope.USER;

    public WriteBlockedSlots(HighLevelClient highLevel, BlockedSlotStore slots, ResourceQuarantine quarantine,
            SyncMetrics metrics) {
        this.highLevel = highLevel;
        this.slots = slots;
        this.quarantine = quarantine;
        this.metrics = metrics;
    }

    public void setScope(BlockedSlotRequest.Scope scope) {
        this.scope = scope;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CalendarPoll poll = exchange.getMessage().getBody(CalendarPoll.class);
        Set<String> refused = new HashSet<>();
        for (SlotWrite w : poll.writes()) {
            if (refused.contains(w.slot().href())) {
                continue;
            }
            try {
                apply(poll.connection(), w);
            } catch (HighLevelApiException e) {
                if (e.status() / 100 != 4 || e.status() == 429) {
                    throw e;
                }
                refused.add(w.slot().href());
                String etag = poll.resourceUpdates().containsKey(w.slot().href())
                        ? poll.resourceUpdates().get(w.slot().href()).etag() : null;
                quarantine.record(poll, w.slot().href(), etag, e.getMessage());
            }
        }
    }

    private void apply(Connection c, SlotWrite w) throws Exception {
        Slot s = w.slot();
        switch (w.action()) {
            case CREATE -> create(c, s);
            case RECOVER -> recover(c, s);
            case UPDATE -> {
                try {
                    highLevel.updateBlockedSlot(c, s.slotId(), request(c, s));
                    slots.save(s);
                    metrics.increment("slots.updated");
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
                metrics.increment("slots.deleted");
            }
            case FORGET -> slots.delete(s);
        }
    }

    private void recover(Connection c, Slot s) throws Exception {
        String adopted = adoptable(c, s);
        if (adopted == null) {
            create(c, s);
            return;
        }
        slots.save(s.withSlotId(adopted));
        metrics.increment("slots.adopted");
        LOG.info("Blocked slot {} of {} adopted: it was posted before a restart but not recorded", adopted, s.href());
    }

    private void create(Connection c, Slot s) throws Exception {
        slots.save(s.withSlotId(null));
        String id = highLevel.createBlockedSlot(c, request(c, s));
        slots.save(s.withSlotId(id));
        metrics.increment("slots.created");
    }

    /** HighLevel's blocked slot of the same owner (user or calendar), times and title that no record claims yet. */
    private String adoptable(Connection c, Slot s) throws Exception {
        BlockedSlotRequest r = request(c, s);
        List<JsonNode> existing = highLevel.listBlockedSlots(c, scope, r.owner(), Instant.ofEpochMilli(s.start())
                .minus(Duration.ofMinutes(1)), Instant.ofEpochMilli(s.end()).plus(Duration.ofMinutes(1)));
        for (JsonNode e : existing) {
            String id = e.path("id").asText("");
            if (!id.isEmpty() && s.title().equals(e.path("title").asText()) && same(e.path("startTime"), s.start())
                    && same(e.path("endTime"), s.end()) && !slots.isOurs(id)) {
                return id;
            }
        }
        return null;
    }

    private static boolean same(JsonNode time, long millis) {
        try {
            return OffsetDateTime.parse(time.asText()).toInstant().toEpochMilli() == millis;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private BlockedSlotRequest request(Connection c, Slot s) {
        return new BlockedSlotRequest(s.title(), Instant.ofEpochMilli(s.start()), Instant.ofEpochMilli(s.end()), scope,
                scope == BlockedSlotRequest.Scope.USER ? c.userId() : c.calendarId());
    }
}
