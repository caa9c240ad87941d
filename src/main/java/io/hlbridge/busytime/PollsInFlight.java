package io.hlbridge.busytime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.hlbridge.nodes.PollClaims;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apple IDs queued or being polled: a round leaves them out, so a slow one is never polled twice at once and never
 * holds back the others. An entry older than {@link #FORGOTTEN_AFTER_MILLIS} is taken as lost (a poll cannot take that
 * long, with every exchange bounded by icloud.timeout) and polled again. Across nodes, the Apple ID is claimed in the
 * store ({@link PollClaims}) when its poll starts, so one node polls it per interval.
 */
public final class PollsInFlight {
    private static final Logger LOG = LoggerFactory.getLogger(PollsInFlight.class);
    static final long FORGOTTEN_AFTER_MILLIS = 3_600_000;
    private final Map<String, Long> since = new ConcurrentHashMap<>();
    private final PollClaims claims;

    public PollsInFlight(PollClaims claims) {
        this.claims = claims;
    }

    /** Marks the Apple ID queued; false when it already is. */
    boolean queue(String appleId) {
        long now = System.currentTimeMillis();
        return since.merge(appleId, now, (old, n) -> old + FORGOTTEN_AFTER_MILLIS < n ? n : old) == now;
    }

    /**
     * The Apple ID's poll runs in {@code exchange} unless another node polls it (or did within the interval): false
     * then. Either way it is free again here when the exchange is done, whatever its end.
     */
    boolean runningIn(String appleId, Exchange exchange) throws java.sql.SQLException {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange e) {
                since.remove(appleId);
            }
        });
        if (!claims.claim(appleId)) {
            return false;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange e) {
                try {
                    claims.release(appleId);
                } catch (java.sql.SQLException | RuntimeException ex) {
                    LOG.debug("Poll claim of an Apple ID not released (it expires): {}", ex.getMessage());
                }
            }
        });
        return true;
    }
}
