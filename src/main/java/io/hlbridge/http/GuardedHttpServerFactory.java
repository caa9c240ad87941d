package io.hlbridge.http;

import io.hlbridge.config.CamelSettings;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.runtime.FatalErrors;
import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * camel-main's HTTP server, replaced by the {@link GuardedHttpServer} on the same {@code camel.server.*} keys; the
 * management server ({@code camel.management.*}) stays Camel's own, on a Vert.x that speaks HTTP/1.1 only
 * ({@link Http1OnlyVertx}). Bound by the standalone bridge before camel-main starts; an application embedding the
 * bridge can bind it the same way ({@code main.bind(...)}). camel-main builds it before the bridge's configuration
 * class runs, so the configuration is checked here first.
 */
public class GuardedHttpServerFactory extends DefaultMainHttpServerFactory {

    @Override
    public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties configuration) {
        long maxBody = configuration.getMaxBodySize() == null ? 1_048_576 : configuration.getMaxBodySize();
        sharedVertx(context);
        GuardedHttpServer server = new GuardedHttpServer(configuration.getHost(), configuration.getPort(), maxBody,
                ListenerSettings.from(CamelSettings.read(context)),
                reason -> BridgeMetrics.in(context).increment(BridgeMetrics.LISTENER_CLOSED, reason));
        server.setCamelContext(context);
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext context, HttpManagementServerConfigurationProperties configuration) {
        sharedVertx(context);
        return super.newHttpManagementServer(context, configuration);
    }

    /**
     * The one Vert.x of both servers, found in the registry by Camel's management server and by ours: made here, once,
     * closed after both servers have stopped (services stop in the reverse order they were added).
     */
    private static void sharedVertx(CamelContext context) {
        if (CamelContextHelper.findSingleByType(context, Vertx.class) != null) {
            return;
        }
        Vertx vertx = Http1OnlyVertx.of(Vertx.vertx());
        vertx.exceptionHandler(FatalErrors::check); // Vert.x logs what its handlers throw, and goes on
        context.getRegistry().bind("bridgeVertx", Vertx.class, vertx);
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    vertx.close().toCompletionStage().toCompletableFuture().get();
                }
            }, true);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
