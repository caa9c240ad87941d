package io.hlbridge.inbox;

import io.hlbridge.config.SyncWindow;
import io.hlbridge.connections.Connections;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.Stores;
import org.apache.camel.spi.Registry;

/**
 * The beans of the inbox's own routes (routes/inbox-sweeper.camel.yaml, routes/inbox-retention.camel.yaml and
 * routes/highlevel-reconcile.camel.yaml), under the names the routes use.
 */
public final class InboxWiring {
    /** Entries deleted per transaction by the retention route. */
    private static final int PRUNE_BATCH = 1000;

    private InboxWiring() {
    }

    public static void bind(Registry r, InboxSettings s, SyncWindow window, Stores stores, HighLevel highLevel,
            Connections connections, WorkLocks locks, BridgeMetrics metrics) {
        r.bind("dueInboxWork", new DueInboxWork(stores.inbox(), locks));
        r.bind("pruneInbox", new PruneInbox(stores.inbox(), metrics, s, PRUNE_BATCH));
        r.bind("reconcileAppointments", new ReconcileAppointments(connections.directory(), highLevel.client(),
                stores.links(), stores.slots(), stores.inbox(), metrics, window));
    }
}
