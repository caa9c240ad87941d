package io.hlbridge.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may use the admin API and the status page. With {@code bridge.admin.token} set: the API takes
 * {@code Authorization: Bearer <token>} only; the page takes the same, or a session its sign-in form opens: a random
 * id per sign-in (HttpOnly, SameSite=Strict, path /status, so it never opens the API), ending after {@link #SESSION}
 * or at sign-out. Without a token (allowed only while the management server listens on the loopback): callers from this
 * machine only, whom {@link ManagementGuard} keeps from being borrowed by another site. Every form of the page
 * carries a CSRF token: the session's, or without a token one per process.
 */
final class AdminAuth {
    static final String COOKIE = "hlbridge_session";
    static final Duration SESSION = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in page, and the token its forms must send back. */
    private record Session(String csrf) {
    }

    private final byte[] token;
    private final Cache<String, Session> sessions = Caffeine.newBuilder().expireAfterWrite(SESSION)
            .maximumSize(10_000).build();
    private final String loopbackCsrf = random();

    /** @param token null when bridge.admin.token is not set */
    AdminAuth(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** The admin API: the bearer token, or without one a caller on this machine. */
    boolean allowsApi(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        if (token == null) {
            return isLoopback(r.remoteAddress() == null ? null : r.remoteAddress().host());
        }
        String header = r.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The status page: a live session, the bearer token (a script's; browsers never send it on their own), or without a
     * token a caller on this machine.
     */
    boolean allowsPage(RoutingContext ctx) {
        return allowsApi(ctx) || token != null && session(ctx) != null;
    }

    /** The CSRF token the page's forms carry for this caller (empty for a bearer, who needs none). */
    String csrf(RoutingContext ctx) {
        if (token == null) {
            return loopbackCsrf;
        }
        Session s = session(ctx);
        return s == null ? "" : s.csrf();
    }

    /** Whether a form sent back this caller's CSRF token; a request with the bearer token needs none. */
    boolean csrfMatches(RoutingContext ctx, String offered) {
        if (token != null && session(ctx) == null) {
            return allowsApi(ctx);
        }
        String expected = csrf(ctx);
        return offered != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a token is configured (the status page then offers its sign-in form and sign-out button). */
    boolean hasToken() {
        return token != null;
    }

    /** Opens a new session when {@code offered} is the token. */
    boolean signIn(RoutingContext ctx, String offered) {
        if (token == null || offered == null
                || !MessageDigest.isEqual(token, offered.trim().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        String id = random();
        sessions.put(id, new Session(random()));
        ctx.response().addCookie(cookie(id).setMaxAge(SESSION.toSeconds()));
        return true;
    }

    /** Ends the caller's session, here and in the browser. */
    void signOut(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        if (c != null) {
            sessions.invalidate(c.getValue());
        }
        ctx.response().addCookie(cookie("").setMaxAge(0));
    }

    private Session session(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        return c == null ? null : sessions.getIfPresent(c.getValue());
    }

    private static Cookie cookie(String value) {
        return Cookie.cookie(COOKIE, value).setHttpOnly(true).setPath("/status").setSameSite(CookieSameSite.STRICT);
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
