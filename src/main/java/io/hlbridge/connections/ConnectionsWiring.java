package io.hlbridge.connections;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.config.BlockedSlotScope;
import io.hlbridge.config.BridgeOptions;
import org.apache.camel.spi.Registry;

/** The beans of the connections flow (routes/connections.camel.yaml), under the names the route uses. */
public final class ConnectionsWiring {
    private ConnectionsWiring() {
    }

    public static Connections bind(Registry r, Adapters a, InstallationHolds holds) {
        ConnectionDirectory directory = new ConnectionDirectory(ConfiguredConnections.read(a.settings()),
                a.stores().storedConnections());
        directory.holdBy(holds);
        RefusedCredentials credentials = new RefusedCredentials(a.stores().connectionStates(),
                a.settings().get(BridgeOptions.CREDENTIALS_DELAY));
        r.bind("connectionDirectory", directory);
        r.bind(ConnectionsSteps.CHECK, new ConnectionsCheck(directory, a.calDav().discovery(), credentials,
                a.stores().inbox()));
        ConnectionStatus status = new ConnectionStatus(a.settings().get(BridgeOptions.CALDAV_UNREACHABLE_AFTER));
        a.highLevel().client().observe(status);
        a.calDav().client().observe(status);
        return new Connections(directory, credentials, status);
    }

    /** What creates, changes and deletes stored connections: the admin API's and the connect page's one instance. */
    public static ConnectionAdmin admin(Registry r, Adapters a, Connections connections, AppointmentRewrites rewrites) {
        ConnectionAdmin admin = new ConnectionAdmin(connections, a.stores(), a.calDav(), a.highLevel().client(),
                rewrites, a.settings().get(BridgeOptions.BLOCKED_SLOT_SCOPE) == BlockedSlotScope.CALENDAR);
        r.bind("connectionAdmin", admin);
        return admin;
    }
}
