package io.hlbridge.observe;

import java.util.ArrayList;
import java.util.List;
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
            List<String> down = new ArrayList<>();
            for (Map.Entry<String, ConnectionState> e : connections.states().all().entrySet()) {
                ConnectionState s = e.getValue();
                builder.detail("connection." + e.getKey(), s.kind().written());
                if (s.isDown()) {
                    down.add(e.getKey() + " (" + s.kind().written() + ")");
                }
            }
            if (down.isEmpty()) {
                builder.up();
            } else { // named in the message too, which readiness shows without its details
                builder.message(down.size() + " connection(s) not syncing: " + String.join(", ", down.subList(0,
                        Math.min(10, down.size()))) + (down.size() > 10 ? ", ..." : "")).down();
            }
        } catch (Exception e) {
            builder.message("connection states could not be read: " + e.getMessage()).down();
        }
    }
}
