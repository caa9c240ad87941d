package io.hlbridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

/**
 * Start-up that fails honestly: a webhook or management port another process holds fails the start (Camel's HTTP
 * servers only log that they could not bind, and the bridge ran on without intake, or without its admin API), and routes edited into something that cannot work
 * fail before any consumer starts. The standalone bridge then exits non-zero with the reason.
 */
final class StartupChecks implements StartupListener {

    /**
     * Before Camel's HTTP servers bind: their ports must be free, or nothing would receive the webhooks, and the admin
     * API would be said to be served on a port another process holds.
     */
    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            return;
        }
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server != null) {
            free(server.getHost(), server.getPort(), "The webhook listener", "camel.server.port");
        }
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management != null) {
            free(management.getHost(), management.getPort(), "The management server (admin API, status page, health)",
                    "camel.management.port");
        }
    }

    private static void free(String configuredHost, int port, String what, String key) {
        if (port <= 0) {
            return;
        }
        String host = configuredHost == null ? "0.0.0.0" : configuredHost;
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException(what + " could not bind " + host + ":" + port + " (" + e.getMessage()
                    + "): stop the process that holds the port, or set " + key + " to a free one");
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
