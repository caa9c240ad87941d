package io.hlbridge.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may use the admin API and the status page. With {@code bridge.admin.token} set: a request carrying
 * {@code Authorization: Bearer <token>}, or the session cookie the status page's sign-in sets (an HMAC of the token,
 * HttpOnly, SameSite=Strict, so another site's form cannot use it). Without a token (allowed only while the
 * management server listens on the loopback): callers from this machine only.
 */
final class AdminAuth {
    static final String COOKIE = "hlbridge_admin";

    private final byte[] token;
    private final String session;

    /** @param token null when bridge.admin.token is not set */
    AdminAuth(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.session = token == null ? null : hmac(token);
    }

    boolean allows(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        if (token == null) {
            return isLoopback(r.remoteAddress() == null ? null : r.remoteAddress().host());
        }
        String header = r.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        }
        Cookie c = r.getCookie(COOKIE);
        return c != null && MessageDigest.isEqual(session.getBytes(StandardCharsets.UTF_8),
                c.getValue().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a token is configured (the status page then offers its sign-in form). */
    boolean hasToken() {
        return token != null;
    }

    /** Signs the status page in when {@code offered} is the token: the session cookie is set. */
    boolean signIn(RoutingContext ctx, String offered) {
        if (token == null || offered == null
                || !MessageDigest.isEqual(token, offered.trim().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        ctx.response().addCookie(Cookie.cookie(COOKIE, session).setHttpOnly(true).setPath("/")
                .setSameSite(CookieSameSite.STRICT));
        return true;
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

    private static String hmac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                    "hlbridge status page session".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
