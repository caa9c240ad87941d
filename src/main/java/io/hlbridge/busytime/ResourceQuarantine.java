package io.hlbridge.busytime;

import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poisoned iCloud resource (unreadable, unexpandable, or refused by HighLevel) is set aside with its href and
 * the reason, counted, and never holds back the rest of the poll. It is tried again when its ETag changes.
 */
public class ResourceQuarantine {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceQuarantine.class);

    private final BridgeMetrics metrics;

    public ResourceQuarantine(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    public void record(CalendarPoll poll, String href, String etag, String reason) {
        metrics.increment(BridgeMetrics.QUARANTINED);
        LOG.warn("{}: resource {} quarantined: {}", poll, href, reason);
        poll.resourceUpdates().put(href, new ResourceStore.Resource(href, poll.calendar().toString(), etag,
                ResourceStore.Status.QUARANTINED, reason, null));
    }
}
