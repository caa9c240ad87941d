package io.hlbridge.connections;

import java.util.List;
import java.util.Optional;

/** The configured connections, looked up by HighLevel location and user. */
public class ConnectionDirectory {
    private final List<Connection> connections;

    public ConnectionDirectory(List<Connection> connections) {
        this.connections = List.copyOf(connections);
    }

    public List<Connection> all() {
        return connections;
    }

    public Optional<Connection> byName(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The connection of a HighLevel user in a location, if that user is connected. */
    public Optional<Connection> forUser(String locationId, String userId) {
        return connections.stream().filter(c -> c.locationId().equals(locationId) && c.userId().equals(userId))
                .findFirst();
    }

    /** Any connection of the location: its token reads the location's calendars. */
    public Optional<Connection> anyIn(String locationId) {
        return connections.stream().filter(c -> c.locationId().equals(locationId)).findFirst();
    }
}
