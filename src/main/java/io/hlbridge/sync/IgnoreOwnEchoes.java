package io.hlbridge.sync;

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

    public IgnoreOwnEchoes(LinkStore links) {
        this.links = links;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SyncWork work = exchange.getMessage().getBody(SyncWork.class);
        if (work.isSkipped()) {
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
