package io.hlbridge.connections;

import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every connection's {@link ConnectionState}, from the directory, the credential holds and what was last seen. */
public class ConnectionStates {
    private final ConnectionDirectory directory;
    private final RefusedCredentials credentials;
    private final ConnectionStatus status;

    public ConnectionStates(ConnectionDirectory directory, RefusedCredentials credentials, ConnectionStatus status) {
        this.directory = directory;
        this.credentials = credentials;
        this.status = status;
    }

    /** By name, in the directory's order; one read of the store. */
    public Map<String, ConnectionState> all() throws SQLException {
        return of(directory.entries());
    }

    /** The states of {@code entries}, by name in their order; one read of the store. */
    public Map<String, ConnectionState> of(Collection<ConnectionDirectory.Entry> entries) throws SQLException {
        List<Connection> these = entries.stream().map(ConnectionDirectory.Entry::connection).toList();
        Map<String, ConnectionStatus.Problem> held = credentials.held(these);
        Map<String, ConnectionState> states = new LinkedHashMap<>();
        for (ConnectionDirectory.Entry e : entries) {
            states.put(e.connection().name(), decide(e, Optional.ofNullable(held.get(e.connection().name()))));
        }
        return states;
    }

    public Optional<ConnectionState> of(String name) throws SQLException {
        Optional<ConnectionDirectory.Entry> e = directory.entry(name);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ConnectionStatus.Problem> held = credentials.held(List.of(e.get().connection()));
        return Optional.of(decide(e.get(), Optional.ofNullable(held.get(name))));
    }

    private ConnectionState decide(ConnectionDirectory.Entry e, Optional<ConnectionStatus.Problem> password) {
        String name = e.connection().name();
        return ConnectionState.decide(e.paused(), directory.holds().held(e.connection()), password,
                status.refusedToken(name), status.refusedCalendar(name), status.unreachable(name));
    }
}
