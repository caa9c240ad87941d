package io.hlbridge.admin;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.hlbridge.http.AmbiguousLength;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of every request on the management server, Camel's own endpoints included. Everywhere: HTTP/2
 * over cleartext is refused (a proxy that forwards only {@code /observe/*} must not carry streams for other paths),
 * and so is a request with both Content-Length and Transfer-Encoding (RFC 9112 §6.1: its body's end is ambiguous),
 * whose connection is then closed. On the admin API and the status page, which a browser on this machine may be
 * turned against: a Host header outside the loopback names, {@code camel.management.host} and
 * {@code bridge.admin.allowed-hosts} is refused (DNS rebinding); a request that changes something is refused when its
 * {@code Origin} is another site's or {@code Sec-Fetch-Site} says cross-site; and the API's such requests must be
 * {@code application/json} (or have no body), which no form of another site can send without the browser asking
 * first.
 */
final class ManagementGuard implements Handler<RoutingContext> {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private final Set<String> hosts = new TreeSet<>(List.of("localhost", "127.0.0.1", "[::1]"));

    ManagementGuard(String managementHost, List<String> allowedHosts) {
        if (managementHost != null && !managementHost.equals("0.0.0.0") && !managementHost.equals("::")) {
            hosts.add(bracketed(managementHost.toLowerCase(Locale.ROOT)));
        }
        allowedHosts.forEach(h -> hosts.add(bracketed(h.toLowerCase(Locale.ROOT))));
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        if (r.version() == HttpVersion.HTTP_2 && !r.isSSL()) {
            refuse(ctx, 505, "HTTP/2 without TLS is not served here; use HTTP/1.1", true);
            return;
        }
        if (AmbiguousLength.of(r)) {
            refuse(ctx, 400, "a request may not carry both Content-Length and Transfer-Encoding", true);
            return;
        }
        String path = ctx.normalizedPath();
        if (!path.startsWith(AdminApi.BASE) && !path.equals("/status") && !path.startsWith("/status/")) {
            ctx.next();
            return;
        }
        String host = hostName(r.getHeader("Host"));
        if (host == null || !hosts.contains(host)) {
            refuse(ctx, 403, "this bridge does not answer under the name '" + (host == null ? "" : host)
                    + "'; add it to bridge.admin.allowed-hosts if it is yours", false);
            return;
        }
        if (!SAFE.contains(r.method())) {
            String site = r.getHeader("Sec-Fetch-Site");
            if (site != null && !site.equals("same-origin") && !site.equals("none")) {
                refuse(ctx, 403, "requests from another site are refused", false);
                return;
            }
            String origin = r.getHeader("Origin");
            if (origin != null && !sameOrigin(origin, r.getHeader("Host"))) {
                refuse(ctx, 403, "requests from another site are refused", false);
                return;
            }
            String type = r.getHeader("Content-Type");
            boolean body = r.headers().contains("Transfer-Encoding")
                    || !"0".equals(r.getHeader("Content-Length")) && r.headers().contains("Content-Length");
            if (path.startsWith(AdminApi.BASE) && (type == null ? body
                    : !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
                refuse(ctx, 415, "send the body as Content-Type: application/json", false);
                return;
            }
        }
        ctx.next();
    }

    /** The Host header's name, lower case, without its port ({@code [::1]} keeps its brackets). */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean sameOrigin(String origin, String host) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return host != null && (o.equals("http://" + host.trim().toLowerCase(Locale.ROOT))
                || o.equals("https://" + host.trim().toLowerCase(Locale.ROOT)));
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void refuse(RoutingContext ctx, int status, String reason, boolean close) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
        if (close && ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader("Connection", "close");
        }
        ctx.response().end(AdminViews.problemText(status, reason)).onComplete(v -> {
            if (close) {
                ctx.request().connection().close();
            }
        });
    }
}
