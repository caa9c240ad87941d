package io.hlbridge.observe;

import java.util.Map;

import io.hlbridge.connections.ConnectionState;
import io.hlbridge.connections.Connections;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN while a connection is not syncing (a refused app password, HighLevel token or calendar), with one
 * detail per connection by its name (never by Apple ID: anyone who reaches the management port reads them). A paused
 * connection is not a failure.
 */
public final class ConnectionsHealthCheck extends AbstractHealthCheck {
    private final Connections connections;

    public ConnectionsHealthCheck(Connections connections) {
        super("bridge", "connections");
        this.connections = connections;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            int down = 0;
            for (Map.Entry<String, ConnectionState> e : connections.states().all().entrySet()) {
                ConnectionState s = e.getValue();
                builder.detail("connection." + e.getKey(), s.kind().written());
                down += s.isDown() ? 1 : 0;
            }
            if (down == 0) {
                builder.up();
            } else {
                builder.message(down + " connection(s) not syncing").down();
            }
        } catch (Exception e) {
            builder.message("connection states could not be read: " + e.getMessage()).down();
        }
    }
}
