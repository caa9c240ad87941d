package io.hlbridge.http;

import io.hlbridge.config.CamelSettings;
import io.hlbridge.runtime.BridgeMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.main.HttpServerConfigurationProperties;

/**
 * camel-main's HTTP server, replaced by the {@link GuardedHttpServer} on the same {@code camel.server.*} keys; the
 * management server ({@code camel.management.*}) stays Camel's own. Bound by the standalone bridge before camel-main
 * starts; an application embedding the bridge can bind it the same way ({@code main.bind(...)}). camel-main builds it
 * before the bridge's configuration class runs, so the configuration is checked here first.
 */
public class GuardedHttpServerFactory extends DefaultMainHttpServerFactory {

    @Override
    public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties configuration) {
        long maxBody = configuration.getMaxBodySize() == null ? 1_048_576 : configuration.getMaxBodySize();
        GuardedHttpServer server = new GuardedHttpServer(configuration.getHost(), configuration.getPort(), maxBody,
                ListenerSettings.from(CamelSettings.read(context)),
                reason -> BridgeMetrics.in(context).increment(BridgeMetrics.LISTENER_CLOSED, reason));
        server.setCamelContext(context);
        return server;
    }
}
