package io.hlbridge.http;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/**
 * {@code bridge.http.*}: the bounds of the webhook listener. The connection cap leaves room under the process's file
 * descriptor limit for the outbound clients and the store.
 */
public record ListenerSettings(Duration idleTimeout, Duration requestTimeout, int maxConnections,
        int maxConnectionsPerPeer) {
    /** Descriptors kept for everything but inbound connections: pools, the store's files, the JVM's own. */
    static final long RESERVED_DESCRIPTORS = 256;

    public static ListenerSettings from(Settings s) {
        return new ListenerSettings(s.get(BridgeOptions.HTTP_IDLE_TIMEOUT), s.get(BridgeOptions.HTTP_REQUEST_TIMEOUT),
                s.get(BridgeOptions.HTTP_MAX_CONNECTIONS), s.get(BridgeOptions.HTTP_MAX_CONNECTIONS_PER_PEER));
    }

    /** The cap, lowered when the file descriptor limit would not leave room for the rest. */
    int effectiveMaxConnections() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long room = unix.getMaxFileDescriptorCount() - RESERVED_DESCRIPTORS;
            if (room < maxConnections) {
                return (int) Math.max(16, room);
            }
        }
        return maxConnections;
    }
}
