package io.hlbridge.oauth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hlbridge.config.UserType;

/**
 * OAuth's {@code state} as a CSRF token: the install link makes a random one, remembers it for {@link #LIFE} with the
 * chosen user type, and hands it to the browser twice, in the authorize URL (HighLevel sends it back to the callback)
 * and in an HttpOnly cookie scoped to the callback's path. A callback is taken only when both agree and the state is
 * still remembered, once: a code pasted into another browser, a replayed callback, or a made-up state never reaches
 * HighLevel's token endpoint. Code exchanges are also limited to {@link #EXCHANGES_PER_MINUTE} a minute, as each one
 * carries the client secret.
 */
final class InstallStates {
    static final String COOKIE = "hlbridge_install";
    static final Duration LIFE = Duration.ofMinutes(10);
    static final int EXCHANGES_PER_MINUTE = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, UserType> states = Caffeine.newBuilder().expireAfterWrite(LIFE).maximumSize(10_000)
            .build();
    private final AtomicLong window = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();

    /** A new state for an install of {@code type}. */
    String issue(UserType type) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        states.put(state, type);
        return state;
    }

    /** The Set-Cookie value that binds {@code state} to the browser, sent back only to {@code callbackPath}. */
    static String cookie(String state, String callbackPath, boolean secure) {
        return COOKIE + "=" + state + "; Path=" + callbackPath + "; Max-Age=" + LIFE.toSeconds() + "; HttpOnly;"
                + " SameSite=Lax" + (secure ? "; Secure" : ""); // Lax: HighLevel's redirect back is a cross-site GET
    }

    /**
     * The user type the install was started with, when the callback's {@code state} is one this bridge issued, not
     * yet used, and the browser's cookie carries it; the state is used up either way.
     */
    Optional<UserType> take(String state, String cookieHeader) {
        if (state == null || cookieHeader == null || !state.equals(cookieValue(cookieHeader))) {
            return Optional.empty();
        }
        UserType type = states.getIfPresent(state);
        states.invalidate(state);
        return Optional.ofNullable(type);
    }

    /** Whether one more code exchange fits in this minute. */
    boolean mayExchange(long nowMillis) {
        long minute = nowMillis / 60_000;
        if (window.getAndSet(minute) != minute) {
            inWindow.set(0);
        }
        return inWindow.incrementAndGet() <= EXCHANGES_PER_MINUTE;
    }

    private static String cookieValue(String header) {
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) { // quoted by clients that take Max-Age for an RFC 2965 cookie
                return p.substring(COOKIE.length() + 1).replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }
}
