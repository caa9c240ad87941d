package io.hlbridge.slotcopies;

import io.hlbridge.connections.Connections;
import io.hlbridge.runtime.BridgeMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step of slot-copy-failure: a round that failed (HighLevel's 429 or 5xx, a calendar refusing writes, iCloud
 * down) recorded only the writes that went through; it is counted, shown on the connection's state, and tried again at
 * the Apple ID's next poll. A 401 from iCloud holds the connection as a failed poll does.
 */
public class RecordFailedSlotCopies implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFailedSlotCopies.class);

    private final Connections connections;
    private final BridgeMetrics metrics;

    public RecordFailedSlotCopies(Connections connections, BridgeMetrics metrics) {
        this.connections = connections;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = e == null ? "unknown error" : e.getMessage();
        metrics.increment(BridgeMetrics.SLOT_COPIES, "failed");
        if (exchange.getMessage().getBody() instanceof SlotCopyPoll poll) {
            connections.status().failed(poll.connection().name(), CommitSlotCopies.SOURCE,
                    "HighLevel's blocked slots could not be copied to iCloud: " + reason);
            connections.credentials().record(poll.connection(), e);
        }
        LOG.warn("{} failed, tried again at the next poll: {}", exchange.getMessage().getBody(), reason);
    }
}
