package io.hlbridge.appointments;

import io.hlbridge.store.Database;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.hlbridge.observe.SyncMetrics;

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
    private final SyncMetrics metrics;

    public CompleteInboxWork(Database db, InboxStore inbox, LinkStore links, SyncMetrics metrics) {
        this.db = db;
        this.inbox = inbox;
        this.links = links;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SyncWork work = exchange.getVariable("work", SyncWork.class);
        long now = System.currentTimeMillis();
        InboxStore.Status status;
        if (work.isSkipped()) {
            status = InboxStore.Status.SKIPPED;
            metrics.increment(work.skipCounter());
            LOG.debug("{} skipped: {}", work.workKey(), work.skipReason());
        } else {
            status = InboxStore.Status.DONE;
            LOG.debug("{} done: {} calendar writes, deleted={}", work.workKey(), work.writes().size(), work.deleted());
        }
        db.inSharedTransaction(c -> {
            links.apply(c, work.linkChanges()); // none when skipped: the filters stop the work before any write
            inbox.complete(c, work.entries(), status, work.skipReason(), now);
        });
        if (status == InboxStore.Status.DONE) {
            metrics.increment("inbox.done");
        }
    }
}
