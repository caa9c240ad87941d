package io.hlbridge.slotcopies;

import io.hlbridge.connections.ConnectionStatus;
import io.hlbridge.store.SlotCopyStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The round went through: the connection's slots are read again after {@code sync.blocked-slots-interval}, and the
 * failure of an earlier round is no longer shown.
 */
public class CommitSlotCopies implements Processor {
    static final String SOURCE = "highlevel-blocked-slots";

    private final SlotCopyStore store;
    private final ConnectionStatus status;

    public CommitSlotCopies(SlotCopyStore store, ConnectionStatus status) {
        this.store = store;
        this.status = status;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String name = SlotCopyPoll.of(exchange).connection().name();
        store.polled(name, System.currentTimeMillis());
        status.succeeded(name, SOURCE); // a failure of an earlier round is no longer shown
    }
}
