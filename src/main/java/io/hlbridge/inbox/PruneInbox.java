package io.hlbridge.inbox;

import java.time.Duration;

import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.hlbridge.observe.SyncMetrics;

/**
 * Deletes applied and skipped inbox entries once they are older than the retention; FAILED ones stay for an
 * operator. The retention must cover the webhook max-age: the stored webhook id is what refuses a replay.
 */
public class PruneInbox implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(PruneInbox.class);
    private final InboxStore inbox;
    private final SyncMetrics metrics;
    private Duration retention = Duration.ofDays(7);
    private int batchSize = 1000;

    public PruneInbox(InboxStore inbox, SyncMetrics metrics) {
        this.inbox = inbox;
        this.metrics = metrics;
    }

    /**
     * Refuses a retention shorter than the webhook max-age: a pruned webhook id could be replayed within the
     * max-age and be accepted again.
     */
    public void setRetention(Duration retention, Duration webhookMaxAge) {
        if (retention.compareTo(webhookMaxAge) < 0) {
            throw new IllegalArgumentException("Configuration key bridge.inbox.retention (" + retention + ") must not be"
                    + " shorter than highlevel.webhook.max-age (" + webhookMaxAge + "): the stored webhook id refuses"
                    + " replays");
        }
        this.retention = retention;
    }

    /** Entries deleted per transaction, so a first prune of a large table does not hold one huge transaction. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        long before = System.currentTimeMillis() - retention.toMillis();
        int total = 0;
        for (int n; (n = inbox.prune(before, batchSize)) > 0;) {
            total += n;
            metrics.add("inbox.pruned", n);
            if (n < batchSize) {
                break;
            }
        }
        if (total > 0) {
            LOG.info("Pruned {} applied or skipped inbox entries older than {}", total, retention);
        }
    }
}
