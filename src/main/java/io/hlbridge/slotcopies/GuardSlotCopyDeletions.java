package io.hlbridge.slotcopies;

import io.hlbridge.runtime.BridgeMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A round that would delete more than {@code sync.max-deletions-per-poll} copies deletes none, as in the other
 * direction: HighLevel answering one user's slots as gone at once is more often wrong than true. Its other writes go
 * on; the same deletions are planned again next round, and refused again until the limit is raised.
 */
public class GuardSlotCopyDeletions implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(GuardSlotCopyDeletions.class);
    private final int maxDeletions;
    private final BridgeMetrics metrics;

    public GuardSlotCopyDeletions(int maxDeletions, BridgeMetrics metrics) {
        this.maxDeletions = maxDeletions;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        SlotCopyPoll poll = SlotCopyPoll.of(exchange);
        long deletions = poll.writes.stream().filter(w -> w.action() == SlotCopyDecision.Action.DELETE).count();
        if (deletions <= maxDeletions) {
            return;
        }
        poll.writes.removeIf(w -> w.action() == SlotCopyDecision.Action.DELETE);
        metrics.increment(BridgeMetrics.SLOT_COPIES, "deletions-refused");
        LOG.error("ALERT {}: {} busy events would be deleted from iCloud in one round, more than"
                + " sync.max-deletions-per-poll={}; none deleted. If HighLevel really lost these blocked slots, raise"
                + " the limit for one round.", poll, deletions, maxDeletions);
    }
}
