package io.hlbridge.inbox;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed work item is tried again: the server's Retry-After when it gave one (already clamped to
 * 1 s – 1 h), otherwise exponential backoff from {@code initialDelay} to {@code maxDelay}; both with jitter so
 * a burst that failed together does not come back together.
 */
public class RetryPolicy {
    private final RetrySettings settings;

    public RetryPolicy(RetrySettings settings) {
        this.settings = settings;
    }

    public int maxAttempts() {
        return settings.maxAttempts();
    }

    /** How long a connection whose Apple ID answered 401 waits before it is tried again. */
    public long credentialsDelayMillis() {
        return settings.credentialsDelay().toMillis();
    }

    /** Delay before attempt {@code attempts + 1}; {@code retryAfterMillis} is -1 when the server named none. */
    public long delayMillis(int attempts, long retryAfterMillis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (retryAfterMillis > 0) {
            return retryAfterMillis + r.nextLong(retryAfterMillis / 10 + 1);
        }
        long initial = settings.initialDelay().toMillis();
        long exp = initial << Math.min(attempts, 20);
        long capped = Math.min(Math.max(exp, initial), settings.maxDelay().toMillis());
        return capped / 2 + r.nextLong(capped / 2 + 1);
    }
}
