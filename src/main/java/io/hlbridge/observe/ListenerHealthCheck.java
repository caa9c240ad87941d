package io.hlbridge.observe;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the webhook listener accepts connections on its port (camel.server.port). */
public final class ListenerHealthCheck extends AbstractHealthCheck {
    private final int port;

    public ListenerHealthCheck(int port) {
        super("bridge", "webhook-listener");
        this.port = port;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            builder.detail("port", port).up();
        } catch (Exception e) {
            builder.message("the webhook listener does not accept connections on port " + port).detail("port", port)
                    .down();
        }
    }
}
