package io.hlbridge.sync;

import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Marks the work's inbox entries DONE, or SKIPPED with the reason a filter gave (logged and counted). */
public class CompleteInboxWork implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(CompleteInboxWork.class);
    private final InboxStore inbox;
    private final SyncMetrics metrics;

    public CompleteInboxWork(InboxStore inbox, SyncMetrics metrics) {
        this.inbox = inbox;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SyncWork work = exchange.getVariable("work", SyncWork.class);
        long now = System.currentTimeMillis();
        if (work.isSkipped()) {
            metrics.increment(work.skipCounter());
            LOG.debug("{} skipped: {}", work.workKey(), work.skipReason());
            inbox.complete(work.entries(), InboxStore.Status.SKIPPED, work.skipReason(), now);
        } else {
            LOG.debug("{} done: {} calendar writes, deleted={}", work.workKey(), work.writes().size(), work.deleted());
            inbox.complete(work.entries(), InboxStore.Status.DONE, null, now);
            metrics.increment("inbox.done");
        }
    }
}
