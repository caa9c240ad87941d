package io.hlbridge.inbox;

import java.time.Duration;

import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes applied and skipped inbox entries once they are older than the retention; FAILED ones stay for an
 * operator. The retention covers the webhook max-age (the configuration check refuses less): the stored webhook id
 * is what refuses a replay.
 */
public class PruneInbox implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(PruneInbox.class);
    private final InboxStore inbox;
    private final BridgeMetrics metrics;
    private final Duration retention;
    /** Entries deleted per transaction, so a first prune of a large table does not hold one huge transaction. */
    private final int batchSize;

    public PruneInbox(InboxStore inbox, BridgeMetrics metrics, InboxSettings settings, int batchSize) {
        this.inbox = inbox;
        this.metrics = metrics;
        this.retention = settings.retention();
        this.batchSize = batchSize;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        long before = System.currentTimeMillis() - retention.toMillis();
        int total = 0;
        for (int n; (n = inbox.prune(before, batchSize)) > 0;) {
            total += n;
            metrics.add(BridgeMetrics.INBOX, "pruned", n);
            if (n < batchSize) {
                break;
            }
        }
        if (total > 0) {
            LOG.info("Pruned {} applied or skipped inbox entries older than {}", total, retention);
        }
    }
}
