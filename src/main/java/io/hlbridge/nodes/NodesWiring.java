package io.hlbridge.nodes;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;
import io.hlbridge.highlevel.HighLevelSettings;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;

/**
 * This node among the others on its store: the heartbeat, the claims the flows take, the shared HighLevel budget,
 * and {@value #SINGLETON_POLICY}, the route policy of the routes that run on one node at a time.
 */
public final class NodesWiring {
    /** The bean the singleton routes name as their {@code routePolicy}. */
    public static final String SINGLETON_POLICY = "onOneNode";
    /** The namespace whose leader runs the singleton routes. */
    static final String SINGLETONS = "bridge-singletons";

    private NodesWiring() {
    }

    /** What the flows are handed. */
    public record Nodes(NodeDirectory directory, WorkClaims work, PollClaims polls) {
    }

    public static Nodes bind(CamelContext context, Adapters a) throws Exception {
        Settings s = a.settings();
        Database db = a.stores().db();
        BridgeMetrics metrics = a.metrics();
        NodeSettings settings = NodeSettings.from(s);
        Node node = new Node(settings.nodeId(), settings.lease().toMillis(), db.shared());
        NodeHeartbeat heartbeat = new NodeHeartbeat(db, node, settings.heartbeat().toMillis());
        context.addService(heartbeat, true, true);
        DatabaseClusterService cluster = new DatabaseClusterService(heartbeat);
        context.addService(cluster, true, true);
        metrics.gauge(BridgeMetrics.NODE_SINGLETONS, node.id(),
                () -> heartbeat.leads(SINGLETONS) ? 1 : 0);
        context.getRegistry().bind(SINGLETON_POLICY, ClusteredRoutePolicy.forNamespace(cluster, SINGLETONS));
        if (node.shared()) {
            HighLevelSettings hl = HighLevelSettings.from(s);
            a.highLevel().client().useSharedBudget(new SharedRateBudget(db, hl.maxRequests(), hl.window().toMillis(),
                    hl.timeout().toMillis()));
        }
        return new Nodes(new NodeDirectory(db, heartbeat), new WorkClaims(db, node),
                new PollClaims(db, node, s.get(BridgeOptions.POLL_INTERVAL).toMillis()));
    }
}
