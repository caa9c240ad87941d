package io.hlbridge.appointments;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.store.InboxEntry;
import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import io.hlbridge.inbox.WorkLocks;

/**
 * Takes a work key from the queue, locks it for this exchange and loads its pending entries as a
 * {@link SyncWork}. The body becomes null when there is nothing to do (locked elsewhere, or already done).
 */
public class ClaimInboxWork implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final InboxStore inbox;
    private final WorkLocks locks;

    public ClaimInboxWork(InboxStore inbox, WorkLocks locks) {
        this.inbox = inbox;
        this.locks = locks;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String workKey = exchange.getMessage().getBody(String.class);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setBody(null);
        if (workKey == null || !locks.tryLock(workKey)) {
            return; // another worker has it; what arrived meanwhile is picked up by the sweeper
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange e) {
                locks.unlock(workKey);
            }
        });
        List<InboxEntry> entries = inbox.pending(workKey);
        if (entries.isEmpty()) {
            return;
        }
        InboxEntry latest = entries.get(entries.size() - 1);
        SyncWork work = new SyncWork(workKey, entries, JSON.readTree(latest.payload()));
        exchange.setVariable("work", work);
        exchange.getMessage().setBody(work);
    }
}
