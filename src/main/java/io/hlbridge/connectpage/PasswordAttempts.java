package io.hlbridge.connectpage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Refused app passwords, counted per HighLevel user and per Apple ID: Apple locks an Apple ID that sees many wrong
 * passwords, so after {@link #MAX} refusals in {@link #WINDOW} the page stops asking Apple for either of them (per
 * node; a refusal is rare enough that several nodes each allowing as many is still few).
 */
final class PasswordAttempts {
    static final int MAX = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> refusals = Caffeine.newBuilder().expireAfterWrite(WINDOW)
            .maximumSize(100_000).build();

    boolean allowed(String user, String appleId) {
        return count("user:" + user) < MAX && count("apple:" + appleId.toLowerCase(java.util.Locale.ROOT)) < MAX;
    }

    void refused(String user, String appleId) {
        refusals.get("user:" + user, k -> new AtomicInteger()).incrementAndGet();
        refusals.get("apple:" + appleId.toLowerCase(java.util.Locale.ROOT), k -> new AtomicInteger()).incrementAndGet();
    }

    private int count(String key) {
        AtomicInteger n = refusals.getIfPresent(key);
        return n == null ? 0 : n.get();
    }
}
