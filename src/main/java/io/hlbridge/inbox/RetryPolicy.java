package io.hlbridge.inbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed work item is tried again: the server's Retry-After when it gave one (already clamped to
 * 1 s – 1 h), otherwise exponential backoff from {@code initialDelay} to {@code maxDelay}; both with jitter so
 * a burst that failed together does not come back together.
 */
public class RetryPolicy {
    private Duration initialDelay = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofMinutes(5);
    private int maxAttempts = 25;

    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Delay before attempt {@code attempts + 1}; {@code retryAfterMillis} is -1 when the server named none. */
    public long delayMillis(int attempts, long retryAfterMillis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (retryAfterMillis > 0) {
            return retryAfterMillis + r.nextLong(retryAfterMillis / 10 + 1);
        }
        long exp = initialDelay.toMillis() << Math.min(attempts, 20);
        long capped = Math.min(Math.max(exp, initialDelay.toMillis()), maxDelay.toMillis());
        return capped / 2 + r.nextLong(capped / 2 + 1);
    }
}
