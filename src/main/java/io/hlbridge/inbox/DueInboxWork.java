package io.hlbridge.inbox;

import java.util.List;

import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The sweeper's step: work keys with due entries that no worker holds and that are not waiting in the queue yet. This is how retries run, how entries
 * stored before a restart get applied, and what catches a queue message that was dropped.
 */
public class DueInboxWork implements Processor {
    /** Work keys queued per sweep: the queue holds the rest of the burst, the next sweep finds what is left. */
    private static final int BATCH_SIZE = 500;
    private final InboxStore inbox;
    private final WorkLocks locks;

    public DueInboxWork(InboxStore inbox, WorkLocks locks) {
        this.inbox = inbox;
        this.locks = locks;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        long now = System.currentTimeMillis();
        List<String> due = inbox.dueWorkKeys(now, BATCH_SIZE).stream()
                .filter(k -> !locks.isLocked(k) && locks.markQueued(k, now)).toList();
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setBody(due);
    }
}
