package io.hlbridge.busytime;

import java.util.LinkedHashSet;
import java.util.Set;

import io.hlbridge.runtime.BridgeMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll that would delete more than {@code sync.max-deletions-per-poll} blocked slots deletes none: a calendar that
 * seems to have lost many events at once more often answered wrongly than was emptied. Its deletions (and the
 * forgetting of the deleted resources) are taken out of the plan, an alert is logged and counted, and the sync token
 * is kept, so the same deletions are planned again by the next poll; its other writes go on.
 */
public class GuardBulkDeletions implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(GuardBulkDeletions.class);
    private final int maxDeletionsPerPoll;
    private final BridgeMetrics metrics;

    public GuardBulkDeletions(int maxDeletionsPerPoll, BridgeMetrics metrics) {
        this.maxDeletionsPerPoll = maxDeletionsPerPoll;
        this.metrics = metrics;
    }

    /** The guard's rule: how many deletions one poll may make. */
    static boolean allows(long deletions, int maxDeletionsPerPoll) {
        return deletions <= maxDeletionsPerPoll;
    }

    @Override
    public void process(Exchange exchange) {
        hold(CalendarPoll.of(exchange));
    }

    /** Takes the poll's deletions out when there are too many; whether it did. */
    boolean hold(CalendarPoll poll) {
        long deletes = poll.writes().stream().filter(w -> w.action() == SlotWrite.Action.DELETE).count();
        if (allows(deletes, maxDeletionsPerPoll)) {
            return false;
        }
        Set<String> held = new LinkedHashSet<>();
        poll.writes().removeIf(w -> {
            if (w.action() == SlotWrite.Action.DELETE || (w.action() == SlotWrite.Action.FORGET
                    && poll.deleted().contains(w.slot().href()))) {
                held.add(w.slot().href());
                return true;
            }
            return false;
        });
        held.forEach(h -> {
            poll.resourceUpdates().remove(h);
            poll.forgottenResources().remove(h);
        });
        poll.setHoldToken(true);
        metrics.increment(BridgeMetrics.DELETIONS_REFUSED);
        LOG.error("ALERT {}: {} blocked slots would be deleted in one poll, more than sync.max-deletions-per-poll={};"
                + " none deleted. If the iCloud calendar really lost these events, raise the limit for one poll.",
                poll, deletes, maxDeletionsPerPoll);
        return true;
    }
}
