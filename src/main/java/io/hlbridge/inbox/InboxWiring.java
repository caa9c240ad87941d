package io.hlbridge.inbox;

import static io.hlbridge.inbox.InboxSteps.DUE_WORK;
import static io.hlbridge.inbox.InboxSteps.PRUNE;
import static io.hlbridge.inbox.InboxSteps.RECONCILE;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.config.SyncWindow;
import io.hlbridge.connections.AppointmentRewrites;
import io.hlbridge.connections.Connections;
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

    /** Returns how a connection's appointments are written again (reconciliation's way: through the inbox). */
    public static AppointmentRewrites bind(Registry r, Adapters a, Connections connections, WorkLocks locks) {
        Stores stores = a.stores();
        r.bind(DUE_WORK, new DueInboxWork(stores.inbox(), locks));
        r.bind(PRUNE, new PruneInbox(stores.inbox(), a.metrics(), InboxSettings.from(a.settings()), PRUNE_BATCH));
        ReconcileAppointments reconcile = new ReconcileAppointments(connections.directory(), a.highLevel().client(),
                stores.links(), stores.slots(), stores.inbox(), a.metrics(), SyncWindow.from(a.settings()));
        r.bind(RECONCILE, reconcile);
        return reconcile;
    }
}
