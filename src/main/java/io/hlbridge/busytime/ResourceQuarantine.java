package io.hlbridge.busytime;

import io.hlbridge.store.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.hlbridge.observe.SyncMetrics;

/**
 * A poisoned iCloud resource (unreadable, unexpandable, or refused by HighLevel) is set aside with its href and
 * the reason, counted, and never holds back the rest of the poll. It is tried again when its ETag changes.
 */
public class ResourceQuarantine {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceQuarantine.class);

    private final SyncMetrics metrics;

    public ResourceQuarantine(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    public void record(CalendarPoll poll, String href, String etag, String reason) {
        metrics.increment("resources.quarantined");
        LOG.warn("{}: resource {} quarantined: {}", poll, href, reason);
        poll.resourceUpdates().put(href, new ResourceStore.Resource(href, poll.calendar().toString(), etag,
                ResourceStore.Status.QUARANTINED, reason, null));
    }
}
