package io.hlbridge.busytime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The Apple IDs queued or being polled: a round leaves them out, so a slow one is never polled twice at once and never
 * holds back the others. An entry older than {@link #FORGOTTEN_AFTER_MILLIS} is taken as lost (a poll cannot take that
 * long, with every exchange bounded by icloud.timeout) and polled again.
 */
public final class PollsInFlight {
    static final long FORGOTTEN_AFTER_MILLIS = 3_600_000;
    private final Map<String, Long> since = new ConcurrentHashMap<>();

    /** Marks the Apple ID queued; false when it already is. */
    boolean queue(String appleId) {
        long now = System.currentTimeMillis();
        return since.merge(appleId, now, (old, n) -> old + FORGOTTEN_AFTER_MILLIS < n ? n : old) == now;
    }

    /** The Apple ID's poll runs in {@code exchange}: it is free again when the exchange is done, whatever its end. */
    void runningIn(String appleId, Exchange exchange) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange e) {
                since.remove(appleId);
            }
        });
    }
}
