package io.hlbridge.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.hlbridge.runtime.FatalErrors;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.StaticService;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook listener: the Vert.x HTTP server that camel-main would start for {@code platform-http}, with the
 * bounds it lacks. A connection that sends no complete request within {@code idle-timeout} (an idle keep-alive, or
 * headers trickled a byte at a time) is closed; a request not read and answered within {@code request-timeout} of its
 * headers is cut off; connections beyond {@code max-connections} are closed as they come, so a flood of slow clients
 * cannot take the file descriptors that the CalDAV and HighLevel clients need, and so are a client address's beyond
 * {@code max-connections-per-peer}, so that one such client cannot take the listener from HighLevel's webhooks. A port that cannot be bound fails the
 * start (Camel's own server only logs it). Written by hand because Camel's server takes no Vert.x server options.
 */
public final class GuardedHttpServer extends ServiceSupport implements StaticService, CamelContextAware {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedHttpServer.class);

    private final String host;
    private final int port;
    private final long maxBodySize;
    private final ListenerSettings settings;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> perPeer = new ConcurrentHashMap<>();
    /** Open connections, with the timer that closes one while it waits for its next request's headers (-1: none). */
    private final Map<HttpConnection, Long> live = new ConcurrentHashMap<>();
    private final ListenerEvents events;
    private CamelContext context;
    private Vertx vertx;
    private boolean ownVertx;
    private Router router;
    private HttpServer server;

    /** What the listener did to a connection, for the metrics. */
    public interface ListenerEvents {
        void closed(String reason);
    }

    public GuardedHttpServer(String host, int port, long maxBodySize, ListenerSettings settings, ListenerEvents events) {
        this.host = host == null ? "0.0.0.0" : host;
        this.port = port;
        this.maxBodySize = maxBodySize;
        this.settings = settings;
        this.maxConnections = settings.effectiveMaxConnections();
        this.events = events;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    public int port() {
        return server == null ? port : server.actualPort();
    }

    /** Open connections now. */
    public int openConnections() {
        return open.get();
    }

    /** The router the platform-http consumers attach to, bound before any route starts. */
    @Override
    protected void doInit() {
        vertx = CamelContextHelper.findSingleByType(context, Vertx.class);
        if (vertx == null) {
            vertx = Vertx.vertx();
            vertx.exceptionHandler(FatalErrors::check); // Vert.x logs what its handlers throw, and goes on
            ownVertx = true;
        }
        router = Router.router(vertx);
        Router routes = Router.router(vertx);
        router.route("/*").subRouter(routes);
        VertxPlatformHttpRouter platform = new VertxPlatformHttpRouter(null, vertx, routes,
                VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO, VertxPlatformHttpRouter.SERVER_TYPE_SERVER) {
            @Override
            public Handler<RoutingContext> bodyHandler() {
                BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodySize);
                return ctx -> {
                    ctx.request().resume(); // the consumer pauses the request until its body handler runs
                    body.handle(ctx);
                };
            }
        };
        // The consumers look their router up by the engine's port. Camel's engine takes the port of the one Vert.x
        // server it finds, which is the management server's once that runs: this engine names the webhook port.
        context.getRegistry().bind(VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO, platform);
        context.getRegistry().bind(VertxPlatformHttpRouter.getRouterNameFromPort(port), platform);
        context.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, PlatformHttpEngine.class,
                new VertxPlatformHttpEngine() {
                    @Override
                    public int getServerPort() {
                        return port;
                    }
                });
    }

    @Override
    protected void doStart() throws Exception {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setIdleTimeout((int) settings.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // HTTP/1.1 only: with h2c detection a connection is handed over (and counted) only once its first
                // bytes arrive, so a flood of silent connections would never meet the cap
                .setHttp2ClearTextEnabled(false);
        server = vertx.createHttpServer(options);
        server.connectionHandler(c -> {
            AmbiguousLength.watch(c, options);
            opened(c);
        });
        server.requestHandler(this::received);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("The webhook listener could not bind " + host + ":" + port + " ("
                    + cause.getMessage() + "): stop the process that holds the port, or set camel.server.port to a"
                    + " free one", cause);
        }
        LOG.info("Webhook listener on {}:{} (idle timeout {}, request timeout {}, at most {} connections)", host,
                server.actualPort(), settings.idleTimeout(), settings.requestTimeout(), maxConnections);
    }

    private void opened(HttpConnection c) {
        String peer = c.remoteAddress() == null ? "" : c.remoteAddress().host();
        AtomicInteger ofPeer = perPeer.computeIfAbsent(peer, k -> new AtomicInteger());
        if (ofPeer.incrementAndGet() > settings.maxConnectionsPerPeer()) {
            release(peer, ofPeer);
            events.closed("over-peer-limit");
            c.close();
            return;
        }
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            release(peer, ofPeer);
            events.closed("over-limit");
            c.close();
            return;
        }
        live.put(c, -1L);
        c.closeHandler(v -> {
            open.decrementAndGet();
            release(peer, ofPeer);
            Long timer = live.remove(c);
            if (timer != null && timer >= 0) {
                vertx.cancelTimer(timer);
            }
        });
        awaitRequest(c);
    }

    /** One connection of {@code peer} fewer; a peer with none is forgotten. */
    private void release(String peer, AtomicInteger ofPeer) {
        if (ofPeer.decrementAndGet() <= 0) {
            perPeer.remove(peer, ofPeer);
        }
    }

    /** The next request's headers must come within the idle timeout, however slowly its bytes trickle. */
    private void awaitRequest(HttpConnection c) {
        long timer = vertx.setTimer(settings.idleTimeout().toMillis(), t -> {
            if (live.replace(c, t, -1L)) {
                events.closed("idle");
                c.close();
            }
        });
        Long previous = live.computeIfPresent(c, (k, old) -> timer);
        if (previous == null) {
            vertx.cancelTimer(timer); // closed meanwhile
        }
    }

    private void received(HttpServerRequest request) {
        HttpConnection c = request.connection();
        if (AmbiguousLength.of(request)) {
            events.closed("ambiguous-length");
            request.response().setStatusCode(400).putHeader("Connection", "close").end("{\"status\":400,"
                    + "\"reason\":\"a request may not carry both Content-Length and Transfer-Encoding\"}")
                    .onComplete(v -> c.close());
            return;
        }
        live.computeIfPresent(c, (k, old) -> old < 0 ? old : cancel(old));
        long deadline = vertx.setTimer(settings.requestTimeout().toMillis(), t -> {
            if (!request.response().ended()) {
                events.closed("request-timeout");
                c.close();
            }
        });
        request.response().endHandler(v -> {
            vertx.cancelTimer(deadline);
            awaitRequest(c);
        });
        router.handle(request);
    }

    private long cancel(long timer) {
        vertx.cancelTimer(timer);
        return -1L;
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            server = null;
        }
        if (ownVertx && vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
