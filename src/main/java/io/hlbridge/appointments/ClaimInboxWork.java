package io.hlbridge.appointments;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.inbox.WorkLocks;
import io.hlbridge.store.InboxEntry;
import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Takes a work key from the queue, locks it for this exchange and loads its pending entries as an
 * {@link AppointmentWork}, kept in the exchange variable {@value #VARIABLE}. The body becomes null when there is
 * nothing to do (locked elsewhere, or already done).
 */
public class ClaimInboxWork implements Processor {
    /** Where the work is kept for the completion and retry steps, whatever the other steps do to the body. */
    public static final String VARIABLE = "work";
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
        AppointmentWork work = new AppointmentWork(workKey, entries, JSON.readTree(latest.payload()));
        exchange.setVariable(VARIABLE, work);
        exchange.getMessage().setBody(work);
    }

    /** The work of an exchange; fails naming the missing step when claimInboxWork did not run. */
    static AppointmentWork of(Exchange exchange) {
        AppointmentWork work = exchange.getVariable(VARIABLE, AppointmentWork.class);
        if (work == null) {
            throw new IllegalStateException("route highlevel-to-icloud must start with step '" + HighLevelToICloudSteps.CLAIM + "'");
        }
        return work;
    }
}
