package io.hlbridge.appointments;

import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.Database;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks the work's inbox entries DONE, or SKIPPED with the reason a filter gave (logged and counted), in the same
 * transaction as the links its calendar writes changed: one commit per appointment instead of one per write, and
 * shared with the other workers' completions and the webhooks being stored at the same time.
 */
public class CompleteInboxWork implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(CompleteInboxWork.class);
    private final Database db;
    private final InboxStore inbox;
    private final LinkStore links;
    private final BridgeMetrics metrics;

    public CompleteInboxWork(Database db, InboxStore inbox, LinkStore links, BridgeMetrics metrics) {
        this.db = db;
        this.inbox = inbox;
        this.links = links;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AppointmentWork work = ClaimInboxWork.of(exchange);
        long now = System.currentTimeMillis();
        SkipRules.Skip skip = work.skipReason();
        InboxStore.Status status = skip == null ? InboxStore.Status.DONE : InboxStore.Status.SKIPPED;
        if (skip != null) {
            metrics.increment(BridgeMetrics.SKIPPED, skip.reason());
            LOG.debug("{} skipped: {}", work.workKey(), skip.explanation());
        } else {
            LOG.debug("{} done: {} calendar writes", work.workKey(), work.writes().size());
        }
        db.inSharedTransaction(c -> {
            links.apply(c, work.linkChanges()); // none when skipped: the filters stop the work before any write
            inbox.complete(c, work.entries(), status, skip == null ? null : skip.explanation(), now);
        });
        metrics.increment(BridgeMetrics.INBOX, skip == null ? "done" : "skipped");
    }
}
