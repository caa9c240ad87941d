package io.hlbridge.busytime;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.connections.ConnectionStatus;
import io.hlbridge.connections.Connections;
import io.hlbridge.connections.RefusedCredentials;
import io.hlbridge.runtime.BridgeMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step of poll-failure's clauses. A poll that failed (401, 5xx, timeout, unparsable answer, HighLevel down)
 * changed nothing it did not record and kept its sync token: it is counted and shown in the connection's state. Bound
 * twice: {@code recordFailedPoll} logs it, and the next poll starts from the same point; {@code holdPollsForCredentials}
 * (a 401) marks the connection instead, which holds its polls and writes back (see {@link RefusedCredentials}).
 */
public class RecordFailedPoll implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFailedPoll.class);

    private final BridgeMetrics metrics;
    private final RefusedCredentials credentials;
    private final ConnectionStatus status;

    private final boolean holdForCredentials;

    public RecordFailedPoll(BridgeMetrics metrics, Connections connections, boolean holdForCredentials) {
        this.holdForCredentials = holdForCredentials;
        this.metrics = metrics;
        this.credentials = connections.credentials();
        this.status = connections.status();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Object poll = exchange.getMessage().getBody();
        metrics.increment(BridgeMetrics.POLLS, "failed");
        metrics.increment(BridgeMetrics.POLL_FAILURES, PollFailure.reason(e));
        if (poll instanceof CalendarPoll p) {
            boolean away = e instanceof CalDavException.RetryLater r && (r.status() == 0 || r.status() >= 500);
            status.failed(p.connection().name(), p.calendar().toString(), "poll of " + p.calendar()
                    + (away ? ": the server could not be reached: " : ": ") + (e == null ? "unknown error"
                    : e.getMessage()));
            if (holdForCredentials && credentials.record(p.connection(), e)) {
                return; // polled again once the credentials hold is over
            }
        }
        LOG.warn("{} failed, retried at the next poll: {}", poll, e == null ? "unknown error" : e.getMessage());
    }
}
