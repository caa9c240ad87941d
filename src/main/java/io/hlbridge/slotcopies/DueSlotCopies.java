package io.hlbridge.slotcopies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hlbridge.busytime.CalendarPoll;
import io.hlbridge.config.HighLevelSlotPolicy;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.RefusedCredentials;
import io.hlbridge.store.SlotCopyStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * After one Apple ID's calendars were polled: its connections whose HighLevel blocked slots go to iCloud
 * ({@code highlevel-blocked-slots=busy}, theirs or the global key) and were last read {@code sync.blocked-slots-interval}
 * ago or more. Riding on the Apple ID's poll, a user's slots are read by the one node that polls the Apple ID, never
 * while that node writes the slots of the same user's iCloud events (so a slot just made is known as ours), and never
 * for a paused or held connection. With {@code ignore} nothing here asks HighLevel anything.
 */
public class DueSlotCopies implements Processor {
    private final SlotCopyStore store;
    private final RefusedCredentials credentials;
    private final SyncChoices global;
    private final long intervalMillis;

    /** @param global the global sync.* choices, for connections that made none of their own */
    public DueSlotCopies(SlotCopyStore store, RefusedCredentials credentials, SyncChoices global,
            Duration interval) {
        this.store = store;
        this.credentials = credentials;
        this.global = global;
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        long now = System.currentTimeMillis();
        Map<String, CalendarPoll> byConnection = new LinkedHashMap<>();
        for (Object o : exchange.getMessage().getBody(List.class)) {
            if (o instanceof CalendarPoll p) {
                byConnection.putIfAbsent(p.connection().name(), p);
            }
        }
        List<SlotCopyPoll> due = new ArrayList<>();
        for (CalendarPoll p : byConnection.values()) {
            Connection c = p.connection();
            if (c.choices().over(global).highLevelBlockedSlots() == HighLevelSlotPolicy.BUSY
                    && credentials.holding(c).isEmpty()
                    && store.polledAt(c.name()) + intervalMillis <= now) {
                due.add(new SlotCopyPoll(c, p.windowStart(), p.windowEnd()));
            }
        }
        exchange.getMessage().setBody(due);
    }
}
