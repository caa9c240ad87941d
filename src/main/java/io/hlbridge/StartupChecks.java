package io.hlbridge;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up that fails honestly: routes edited into something that cannot work fail before any consumer starts, and a
 * webhook listener that could not bind fails the start instead of leaving a bridge that runs without intake (Camel's
 * HTTP server only logs the failure). The standalone bridge then exits non-zero with the reason.
 */
final class StartupChecks implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            return;
        }
        List<String> problems = RouteContracts.problems(context);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The routes cannot run as edited (see the README's route-editing guide):\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
            if (server.getPort() <= 0) {
                throw new IllegalStateException("The HTTP listener could not bind " + server.getHost() + ":"
                        + server.getConfigurationPort() + " (is another process using the port?): stop that process, or"
                        + " set camel.server.port (the webhook port) or camel.management.port to a free one");
            }
            LOG.debug("HTTP server listening on port {}", server.getPort());
        }
    }
}
