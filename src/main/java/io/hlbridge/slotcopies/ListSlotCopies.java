package io.hlbridge.slotcopies;

import java.util.Map;

import io.hlbridge.caldav.CalendarQueryEtags;
import io.hlbridge.store.ServerPath;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code REPORT calendar-query} of the linked calendar's ETags over the window (one request, and none when no copy is
 * kept): a copy the user edited or deleted in iCloud no longer shows the ETag the bridge wrote, and is restored.
 * Keyed by path on the server, as the store compares addresses.
 */
public class ListSlotCopies implements Processor {
    private final CalendarQueryEtags query;

    public ListSlotCopies(CalendarQueryEtags query) {
        this.query = query;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SlotCopyPoll poll = SlotCopyPoll.of(exchange);
        if (poll.copies.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> e : query.list(poll.connection(), poll.linkedCalendar, poll.windowStart(),
                poll.windowEnd()).entrySet()) {
            poll.etags.put(ServerPath.of(e.getKey()), e.getValue());
        }
    }
}
