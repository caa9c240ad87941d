package io.hlbridge.connections;

import io.hlbridge.caldav.CalDav;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;
import io.hlbridge.store.Stores;
import org.apache.camel.spi.Registry;

/** The beans of the connections flow (routes/connections.camel.yaml), under the names the route uses. */
public final class ConnectionsWiring {
    private ConnectionsWiring() {
    }

    public static Connections bind(Registry r, Settings s, Stores stores, CalDav caldav) {
        ConnectionDirectory directory = new ConnectionDirectory(ConfiguredConnections.read(s));
        RefusedCredentials credentials = new RefusedCredentials(stores.connectionStates(),
                s.get(BridgeOptions.CREDENTIALS_DELAY));
        r.bind("connectionDirectory", directory);
        r.bind("connectionsCheck", new ConnectionsCheck(directory, caldav.discovery(), credentials, stores.inbox()));
        return new Connections(directory, credentials);
    }
}
