package io.hlbridge.slotcopies;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarCollection;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.config.BlockedSlotScope;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.HighLevelSlot;
import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.SlotCopyStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /calendars/blocked-slots} for the connection's user over the sync window (one request), and the copies
 * the store keeps. Left out: the slots the bridge made from iCloud events (R11: they never come back as events) and
 * anything with a contact (an appointment is never copied as a slot). The linked calendar is found first: one that
 * refuses writes fails the round, which the connection's state then shows. A failed read fails the round before any
 * write: nothing is deleted on a 429 or a 5xx.
 */
public class ReadHighLevelSlots implements Processor {
    private final HighLevelClient highLevel;
    private final CalendarDiscovery discovery;
    private final BlockedSlotStore ours;
    private final SlotCopyStore copies;

    public ReadHighLevelSlots(HighLevelClient highLevel, CalendarDiscovery discovery, BlockedSlotStore ours,
            SlotCopyStore copies) {
        this.highLevel = highLevel;
        this.discovery = discovery;
        this.ours = ours;
        this.copies = copies;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SlotCopyPoll poll = SlotCopyPoll.of(exchange);
        CalendarCollection linked = discovery.find(poll.connection(), poll.connection().linkedCalendar());
        String refused = linked.refusalForWriting().orElse(null);
        if (refused != null) {
            throw new CalDavException.CalendarRefused("calendar " + linked.label() + " takes no busy events for"
                    + " HighLevel's blocked slots: " + refused);
        }
        poll.linkedCalendar = linked.url();
        for (JsonNode e : highLevel.listBlockedSlots(poll.connection(), BlockedSlotScope.USER,
                poll.connection().userId(), poll.windowStart(), poll.windowEnd())) {
            HighLevelSlot slot = HighLevelSlot.from(e).orElse(null);
            if (slot != null && !ours.isOurs(slot.id())) {
                poll.slots.put(slot.id(), slot);
            }
        }
        poll.copies.putAll(copies.ofConnection(poll.connection().name()));
    }
}
