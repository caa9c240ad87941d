package io.hlbridge.appointments;

import java.sql.SQLException;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.inbox.RetryPolicy;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step of one error clause of highlevel-to-icloud ({@link FailureHandling} picks the clause): the failed work
 * stays in the inbox, due again when its outcome says, so retries survive restarts. Bound once per outcome
 * ({@code postponeInboxWork}, {@code holdForCredentials}, {@code parkInboxWork}, {@code retryInboxWorkLater}).
 */
public class FailedInboxWork implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(FailedInboxWork.class);
    private final FailureHandling.Outcome outcome;
    private final InboxStore inbox;
    private final LinkStore links;
    private final RetryPolicy policy;
    private final BridgeMetrics metrics;

    public FailedInboxWork(FailureHandling.Outcome outcome, InboxStore inbox, LinkStore links, RetryPolicy policy,
            BridgeMetrics metrics) {
        this.outcome = outcome;
        this.inbox = inbox;
        this.links = links;
        this.policy = policy;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AppointmentWork work = exchange.getVariable(ClaimInboxWork.VARIABLE, AppointmentWork.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (work == null) {
            LOG.error("Sync failed before its work was loaded: {}", e == null ? "unknown" : e.toString());
            return;
        }
        // the writes that succeeded before the failure keep their links, so the retry updates instead of adopting
        links.apply(work.linkChanges());
        int attempts = work.entries().stream().mapToInt(x -> x.attempts()).max().orElse(0);
        long now = System.currentTimeMillis();
        String reason = e == null ? "unknown failure" : e.getMessage() == null ? e.toString() : e.getMessage();
        switch (outcome) {
            case POSTPONE -> {
                inbox.postpone(work.entries(), FailureHandling.postponedUntil(e), reason);
                metrics.increment(BridgeMetrics.INBOX, "postponed");
                LOG.debug("{} postponed: {}", work.workKey(), reason);
            }
            case PARK -> {
                inbox.retryLater(work.entries(), now, reason, 0, now);
                metrics.increment(BridgeMetrics.INBOX, "failed");
                LOG.error("{} cannot be applied and is parked as FAILED: {}", work.workKey(), reason);
            }
            case HOLD_FOR_CREDENTIALS -> retryAfter(work, policy.credentialsDelayMillis(), attempts, now, reason);
            case RETRY -> retryAfter(work, policy.delayMillis(attempts,
                    e instanceof CalDavException.RetryLater r ? r.retryAfterMillis() : -1), attempts,
                    now, reason);
        }
    }

    private void retryAfter(AppointmentWork work, long delay, int attempts, long now, String reason)
            throws SQLException {
        int parked = inbox.retryLater(work.entries(), now + delay, reason, policy.maxAttempts(), now);
        metrics.increment(BridgeMetrics.INBOX, "retried");
        if (parked > 0) {
            metrics.increment(BridgeMetrics.INBOX, "failed");
            LOG.error("{} failed {} times and is parked as FAILED: {}", work.workKey(), attempts + 1, reason);
        } else {
            LOG.warn("{} failed (attempt {}), retrying in {} ms: {}", work.workKey(), attempts + 1, delay, reason);
        }
    }
}
