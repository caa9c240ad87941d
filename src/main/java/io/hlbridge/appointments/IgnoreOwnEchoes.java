package io.hlbridge.appointments;

import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * R11: items the bridge itself created in HighLevel from iCloud events (blocked slots, origin ICLOUD in the
 * link store) are never written back to iCloud. Echoes of our own appointment edits end as unchanged writes:
 * their content hash is already the one stored.
 */
public class IgnoreOwnEchoes implements Processor {
    private final LinkStore links;
    private final BlockedSlotStore slots;

    public IgnoreOwnEchoes(LinkStore links, BlockedSlotStore slots) {
        this.links = links;
        this.slots = slots;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SyncWork work = exchange.getMessage().getBody(SyncWork.class);
        if (work.isSkipped()) {
            return;
        }
        if (slots.isOurs(work.appointmentId())) {
            work.skip("skipped.echo", "a blocked slot the bridge made from an iCloud event");
            return;
        }
        for (EventLink l : links.forItem(work.appointmentId())) {
            if ("ICLOUD".equals(l.origin())) {
                work.skip("skipped.echo", "created by the bridge from iCloud event " + l.href());
                return;
            }
        }
    }
}
