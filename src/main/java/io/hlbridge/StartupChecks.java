package io.hlbridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;

/**
 * Start-up that fails honestly: a webhook port another process holds fails the start (Camel's HTTP server only logs
 * that it could not bind, and the bridge ran on without intake), and routes edited into something that cannot work
 * fail before any consumer starts. The standalone bridge then exits non-zero with the reason.
 */
final class StartupChecks implements StartupListener {

    /** Before Camel's HTTP server binds: the port must be free, or nothing would receive the webhooks. */
    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (alreadyStarted || server == null || server.getPort() <= 0) {
            return;
        }
        String host = server.getHost() == null ? "0.0.0.0" : server.getHost();
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, server.getPort()));
        } catch (IOException e) {
            throw new IllegalStateException("The webhook listener could not bind " + host + ":" + server.getPort() + " ("
                    + e.getMessage() + "): stop the process that holds the port, or set camel.server.port to a free"
                    + " one");
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            return;
        }
        List<String> problems = RouteContracts.problems(context);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The routes cannot run as edited (see docs/edit-routes.md):\n  - "
                    + String.join("\n  - ", problems));
        }
    }
}
