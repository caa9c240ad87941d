package io.hlbridge.sync;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll that failed (401, 5xx, timeout, unparsable answer, HighLevel down) changed nothing it did not record and
 * kept its sync token: it is logged in one line and counted, and the next poll starts from the same point.
 */
public class RecordFailedPoll implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFailedPoll.class);

    private final SyncMetrics metrics;

    public RecordFailedPoll(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Object poll = exchange.getMessage().getBody();
        metrics.increment("poll.failed");
        LOG.warn("{} failed, retried at the next poll: {}", poll, e == null ? "unknown error" : e.getMessage());
    }
}
