package io.hlbridge.appointments;

import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Filter step, R11: items the bridge itself created in HighLevel from iCloud events (blocked slots, origin ICLOUD in
 * the link store) are never written back to iCloud. Echoes of our own appointment edits end as unchanged writes:
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
        AppointmentWork work = ClaimInboxWork.of(exchange);
        SkipRules.echo(slots.isOurs(work.appointmentId()), links.forItem(work.appointmentId()).stream()
                .filter(l -> EventLink.ORIGIN_ICLOUD.equals(l.origin())).map(EventLink::href).findFirst())
                .ifPresent(work::skip);
    }
}
