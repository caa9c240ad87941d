package io.hlbridge.connections;

import io.hlbridge.caldav.CalDav;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.HighLevelCredentials;
import io.hlbridge.store.Stores;
import org.apache.camel.spi.Registry;

/** The beans of the connections flow (routes/connections.camel.yaml), under the names the route uses. */
public final class ConnectionsWiring {
    private ConnectionsWiring() {
    }

    public static Connections bind(Registry r, Settings s, Stores stores, CalDav caldav, HighLevel highLevel,
            InstallationHolds holds) {
        ConnectionDirectory directory = new ConnectionDirectory(ConfiguredConnections.read(s),
                stores.storedConnections());
        directory.holdBy(holds);
        RefusedCredentials credentials = new RefusedCredentials(stores.connectionStates(),
                s.get(BridgeOptions.CREDENTIALS_DELAY));
        r.bind("connectionDirectory", directory);
        r.bind("connectionsCheck", new ConnectionsCheck(directory, caldav.discovery(), credentials, stores.inbox()));
        ConnectionStatus status = new ConnectionStatus();
        highLevel.client().observe(new HighLevelClient.ExchangeObserver() { // a refused token shows as the state
            @Override
            public void answered(HighLevelCredentials c, String method, String path, int answer, long millis) {
                if (answer == 401) {
                    status.tokenRefused(c.name(), "HighLevel refused the token (401 on " + method + " " + path + ")");
                } else if (answer / 100 == 2) {
                    status.tokenAccepted(c.name());
                }
            }
        });
        return new Connections(directory, credentials, status);
    }
}
