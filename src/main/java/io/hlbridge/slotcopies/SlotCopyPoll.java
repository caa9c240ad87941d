package io.hlbridge.slotcopies;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.HighLevelSlot;
import io.hlbridge.ical.CalendarDocument;
import io.hlbridge.store.SlotCopyStore;
import org.apache.camel.Exchange;

/**
 * One connection's round of copying its HighLevel blocked slots into its linked calendar: the exchange's body from
 * {@code readHighLevelSlots} to {@code commitSlotCopies}. Each step fills in what the next one reads.
 */
public final class SlotCopyPoll {

    /** One write the plan makes: the slot (null for a deletion), the copy kept (null for a creation), the event. */
    public record Write(SlotCopyDecision.Action action, HighLevelSlot slot, SlotCopyStore.Copy copy,
            CalendarDocument event) {
    }

    private final Connection connection;
    private final Instant windowStart;
    private final Instant windowEnd;
    URI linkedCalendar;
    final Map<String, HighLevelSlot> slots = new LinkedHashMap<>();
    final Map<String, SlotCopyStore.Copy> copies = new LinkedHashMap<>();
    /** href → ETag of the events of the linked calendar over the window. */
    final Map<String, String> etags = new LinkedHashMap<>();
    final List<Write> writes = new ArrayList<>();

    public SlotCopyPoll(Connection connection, Instant windowStart, Instant windowEnd) {
        this.connection = connection;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    static SlotCopyPoll of(Exchange exchange) {
        return exchange.getMessage().getBody(SlotCopyPoll.class);
    }

    public Connection connection() {
        return connection;
    }

    Instant windowStart() {
        return windowStart;
    }

    Instant windowEnd() {
        return windowEnd;
    }

    @Override
    public String toString() {
        return "HighLevel blocked slots of '" + connection.name() + "'";
    }
}
