package io.hlbridge.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hlbridge.config.UserType;

/**
 * OAuth's {@code state} as a CSRF token. The install link makes one: a random nonce, its expiry ({@link #LIFE}) and the
 * chosen user type, signed with a key derived from {@code bridge.secret-key} (which every node of a store shares, so
 * the callback may reach another node than the link did), handed to the browser twice: in the authorize URL (HighLevel
 * sends it back to the callback) and in an HttpOnly cookie scoped to the callback's path. A callback is taken only when
 * both agree, the signature holds, it has not expired and this node has not taken it before: a code pasted into
 * another browser, a replayed callback, or a made-up state never reaches HighLevel's token endpoint (a replay on
 * another node reaches it once, and HighLevel refuses the used code). Code exchanges are also limited to
 * {@link #EXCHANGES_PER_MINUTE} a minute per node, as each one carries the client secret.
 */
final class InstallStates {
    static final String COOKIE = "hlbridge_install";
    static final Duration LIFE = Duration.ofMinutes(10);
    static final int EXCHANGES_PER_MINUTE = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Cache<String, Boolean> taken = Caffeine.newBuilder().expireAfterWrite(LIFE).maximumSize(100_000)
            .build();
    private final AtomicLong window = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();

    /** @param secretKey bridge.secret-key (required with a Marketplace app) */
    InstallStates(String secretKey) {
        this.key = sha256("hlbridge oauth state\n" + secretKey);
    }

    /** A new state for an install of {@code type}. */
    String issue(UserType type, long nowMillis) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String payload = B64.encodeToString(nonce) + "." + (nowMillis + LIFE.toMillis()) + "." + type.written();
        return payload + "." + sign(payload);
    }

    /** The Set-Cookie value that binds {@code state} to the browser, sent back only to {@code callbackPath}. */
    static String cookie(String state, String callbackPath, boolean secure) {
        return COOKIE + "=" + state + "; Path=" + callbackPath + "; Max-Age=" + LIFE.toSeconds() + "; HttpOnly;"
                + " SameSite=Lax" + (secure ? "; Secure" : ""); // Lax: HighLevel's redirect back is a cross-site GET
    }

    /**
     * The user type the install was started with, when the callback's {@code state} is one a node of this store
     * issued, unexpired, not taken here before, and the browser's cookie carries it.
     */
    Optional<UserType> take(String state, String cookieHeader, long nowMillis) {
        if (state == null || cookieHeader == null || !state.equals(cookieValue(cookieHeader))) {
            return Optional.empty();
        }
        String[] parts = state.split("\\.");
        if (parts.length != 4) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (expires < nowMillis || taken.asMap().putIfAbsent(parts[0], Boolean.TRUE) != null) {
            return Optional.empty();
        }
        return Optional.of(UserType.from(parts[2], UserType.LOCATION));
    }

    /** Whether one more code exchange fits in this minute. */
    boolean mayExchange(long nowMillis) {
        long minute = nowMillis / 60_000;
        if (window.getAndSet(minute) != minute) {
            inWindow.set(0);
        }
        return inWindow.incrementAndGet() <= EXCHANGES_PER_MINUTE;
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
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
