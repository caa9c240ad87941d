package io.hlbridge.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.hlbridge.connections.AdminRefusal;
import io.hlbridge.connections.ConnectionAdmin;
import io.hlbridge.connections.Connections;
import io.hlbridge.nodes.NodeDirectory;
import io.hlbridge.store.Stores;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the admin API ({@code /admin/api}) and the status page ({@code /status}) on Camel's management server, beside
 * its health and metrics endpoints, once that server runs. Vert.x handlers rather than a route: platform-http routes
 * are served on the webhook port only, and the management server takes handlers on its router, as Camel's own health
 * and metrics endpoints are. Without a management server (an application that embeds the bridge and does not enable
 * {@code camel.management.*}) there is neither, which is logged.
 */
public final class AdminServer implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final long MAX_BODY = 64 * 1024;

    private final ManagementGuard guard;
    private final AdminAuth auth;
    private final AdminApi api;
    private final StatusPage page;
    private final Stores stores;

    public AdminServer(String adminToken, ManagementGuard guard, Connections connections, ConnectionAdmin admin,
            Stores stores, NodeDirectory nodes) {
        this.guard = guard;
        this.auth = new AdminAuth(adminToken);
        this.api = new AdminApi(connections, admin, stores, nodes);
        this.page = new StatusPage(connections, stores, nodes);
        this.stores = stores;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            LOG.info("No management server (camel.management.enabled is off): no admin API and no status page");
            return;
        }
        Router router = server.getRouter();
        router.route().order(Integer.MIN_VALUE).handler(guard); // before Camel's own endpoints too
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY);
        router.route(AdminApi.BASE + "/*").handler(body).handler(this::authenticated)
                .blockingHandler(api::handle, false);
        router.route("/status/login").handler(body).blockingHandler(this::signIn, false);
        router.route("/status/inbox/:id/retry").handler(body).handler(this::authenticatedPage)
                .handler(this::sameSiteForm).blockingHandler(this::retry, false);
        router.route("/status/logout").handler(body).handler(this::authenticatedPage).handler(this::sameSiteForm)
                .handler(this::signOut);
        router.route("/status").handler(this::authenticatedPage).blockingHandler(this::status, false);
        LOG.info("Admin API on http://{}:{}{}, status page on /status{}", server.getHost(), server.getPort(),
                AdminApi.BASE, auth.hasToken() ? " (bridge.admin.token required)" : " (this machine only)");
    }

    private void authenticated(RoutingContext ctx) {
        if (auth.allowsApi(ctx)) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"bridge admin\"")
                .putHeader("Content-Type", "application/json").putHeader("X-Content-Type-Options", "nosniff")
                .end(AdminViews.problemText(401, "send Authorization: Bearer <bridge.admin.token>"));
    }

    /** A form of the page that changes something must carry the caller's CSRF token, and be a POST. */
    private void sameSiteForm(RoutingContext ctx) {
        if (!ctx.request().method().name().equals("POST")) {
            ctx.response().setStatusCode(405).putHeader("Allow", "POST").end();
            return;
        }
        if (!auth.csrfMatches(ctx, formField(ctx, "csrf"))) {
            html(ctx, 403, StatusPage.message("Refused", "This form did not come from this status page: open it and"
                    + " try again.", true));
            return;
        }
        ctx.next();
    }

    private void signOut(RoutingContext ctx) {
        auth.signOut(ctx);
        ctx.response().setStatusCode(303).putHeader("Location", "/status").end();
    }

    private void authenticatedPage(RoutingContext ctx) {
        if (auth.allowsPage(ctx)) {
            ctx.next();
            return;
        }
        html(ctx, auth.hasToken() ? 401 : 403, auth.hasToken() ? StatusPage.signIn(null)
                : StatusPage.message("Forbidden", "The status page answers callers on this machine only.", false));
    }

    private void status(RoutingContext ctx) {
        try {
            String retried = ctx.request().getParam("retried");
            html(ctx, 200, page.render(retried == null ? null : "Inbox entry #" + retried.replaceAll("[^0-9]", "")
                    + " is due again: the bridge applies it within a second.", ctx.request().getParam("q"),
                    auth.csrf(ctx), auth.hasToken()));
        } catch (Exception e) {
            LOG.warn("Status page failed: {}", e.toString());
            html(ctx, 500, StatusPage.message("Error", "The status could not be read: " + e.getMessage(), false));
        }
    }

    private void retry(RoutingContext ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            AdminApi.retry(stores, id);
            ctx.response().setStatusCode(303).putHeader("Location", "/status?retried=" + id).end();
        } catch (NumberFormatException | AdminRefusal e) {
            html(ctx, 404, StatusPage.message("Not found", "No waiting or failed inbox entry " + ctx.pathParam("id")
                    + ".", true));
        } catch (Exception e) {
            html(ctx, 500, StatusPage.message("Error", String.valueOf(e.getMessage()), true));
        }
    }

    private void signIn(RoutingContext ctx) {
        if (!ctx.request().method().name().equals("POST")) {
            ctx.response().setStatusCode(303).putHeader("Location", "/status").end();
            return;
        }
        if (auth.signIn(ctx, formField(ctx, "token"))) {
            ctx.response().setStatusCode(303).putHeader("Location", "/status").end();
        } else {
            html(ctx, 401, StatusPage.signIn("That is not the admin token."));
        }
    }

    /** A field of the form the request carries (application/x-www-form-urlencoded); null when absent. */
    private static String formField(RoutingContext ctx, String name) {
        String form = ctx.body() == null ? null : ctx.body().asString(StandardCharsets.UTF_8.name());
        for (String pair : form == null ? new String[0] : form.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void html(RoutingContext ctx, int status, String page) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Frame-Options", "DENY")
                // same-origin, not no-referrer: under no-referrer the page's own forms would send Origin: null
                .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "same-origin")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .end(page);
    }
}
