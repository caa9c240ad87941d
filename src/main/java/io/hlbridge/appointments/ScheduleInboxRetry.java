package io.hlbridge.appointments;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.inbox.RetryPolicy;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error handler of highlevel-to-icloud: the failed work stays in the inbox and is due again later, so
 * retries survive restarts. Data that can never be applied (malformed appointment) is parked as FAILED at once;
 * a refused Apple ID waits {@code credentialsDelay} instead of being retried hot.
 */
public class ScheduleInboxRetry implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleInboxRetry.class);
    private final InboxStore inbox;
    private final LinkStore links;
    private final RetryPolicy policy;
    private final BridgeMetrics metrics;

    public ScheduleInboxRetry(InboxStore inbox, LinkStore links, RetryPolicy policy, BridgeMetrics metrics) {
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
        long postponeUntil = e instanceof CalendarServerBackoff.Waiting w ? w.untilMillis()
                : e instanceof HighLevelApiException.Paused p ? p.untilMillis() : 0;
        if (postponeUntil > 0) {
            inbox.postpone(work.entries(), postponeUntil, reason);
            metrics.increment(BridgeMetrics.INBOX, "postponed");
            LOG.debug("{} postponed: {}", work.workKey(), reason);
            return;
        }
        if (permanent(e)) {
            inbox.retryLater(work.entries(), now, reason, 0, now);
            metrics.increment(BridgeMetrics.INBOX, "failed");
            LOG.error("{} cannot be applied and is parked as FAILED: {}", work.workKey(), reason);
            return;
        }
        long delay = e instanceof CalDavException.Unauthorized ? policy.credentialsDelayMillis()
                : policy.delayMillis(attempts, e instanceof CalDavException.RetryLater r ? r.retryAfterMillis() : -1);
        int parked = inbox.retryLater(work.entries(), now + delay, reason, policy.maxAttempts(), now);
        metrics.increment(BridgeMetrics.INBOX, "retried");
        if (parked > 0) {
            metrics.increment(BridgeMetrics.INBOX, "failed");
            LOG.error("{} failed {} times and is parked as FAILED: {}", work.workKey(), attempts + 1, reason);
        } else {
            LOG.warn("{} failed (attempt {}), retrying in {} ms: {}", work.workKey(), attempts + 1, delay, reason);
        }
    }

    /**
     * Failures that the same input will always reproduce: the appointment cannot be mapped (it ends before it starts,
     * an unsupported recurrence line), or HighLevel refused our request as invalid. A garbled or unexpected answer
     * from upstream (an HTML page, truncated JSON, another appointment, an invalid redirect) is not among them: it is
     * retried with the backoff.
     */
    static boolean permanent(Exception e) {
        return e instanceof IllegalArgumentException
                || e instanceof HighLevelApiException h && (h.status() == 400 || h.status() == 422);
    }
}
