package io.hlbridge.inbox;

import java.util.List;

import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The sweeper's step: work keys with due entries that no worker holds. This is how retries run, how entries
 * stored before a restart get applied, and what catches a queue message that was dropped.
 */
public class DueInboxWork implements Processor {
    private final InboxStore inbox;
    private final WorkLocks locks;
    private int batchSize = 500;

    public DueInboxWork(InboxStore inbox, WorkLocks locks) {
        this.inbox = inbox;
        this.locks = locks;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<String> due = inbox.dueWorkKeys(System.currentTimeMillis(), batchSize).stream()
                .filter(k -> !locks.isLocked(k)).toList();
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setBody(due);
    }
}
