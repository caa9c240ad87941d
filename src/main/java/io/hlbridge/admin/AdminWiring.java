package io.hlbridge.admin;

import java.util.List;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;
import io.hlbridge.connections.ConnectionAdmin;
import io.hlbridge.connections.Connections;
import io.hlbridge.nodes.NodeDirectory;
import io.hlbridge.observe.ConnectionsHealthCheck;
import io.hlbridge.observe.ListenerHealthCheck;
import io.hlbridge.observe.RoutesLivenessCheck;
import io.hlbridge.observe.StateGauges;
import io.hlbridge.observe.StoreHealthCheck;
import io.hlbridge.store.Stores;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * What operators use: the admin API and status page (on the management server), the readiness checks Camel's health
 * endpoint reports, and the gauges of inbox and connection states.
 */
public final class AdminWiring {
    private AdminWiring() {
    }

    public static void bind(CamelContext context, Adapters a, Connections connections, ConnectionAdmin admin,
            NodeDirectory nodes) throws Exception {
        Registry r = context.getRegistry();
        Settings s = a.settings();
        Stores stores = a.stores();
        List<String> allowedHosts = s.get(BridgeOptions.ADMIN_ALLOWED_HOSTS);
        ManagementGuard guard = new ManagementGuard(s.get(BridgeOptions.MANAGEMENT_HOST),
                allowedHosts == null ? List.of() : allowedHosts);
        context.addStartupListener(new AdminServer(s.get(BridgeOptions.ADMIN_TOKEN), guard, connections, admin, stores,
                nodes));
        r.bind("connectionsHealthCheck", new ConnectionsHealthCheck(connections));
        r.bind("storeHealthCheck", new StoreHealthCheck(stores.db()));
        r.bind("routesLivenessCheck", new RoutesLivenessCheck());
        r.bind("webhookListenerHealthCheck", new ListenerHealthCheck(s.get(BridgeOptions.SERVER_PORT)));
        new StateGauges(stores.inbox(), connections).register(a.metrics());
    }
}
