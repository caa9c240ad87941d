package io.hlbridge.nodes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/** {@code bridge.node-id} and {@code bridge.nodes.lease}: who this node is and how long its claims outlive it. */
public record NodeSettings(String nodeId, Duration lease) {

    public static NodeSettings from(Settings s) {
        String id = s.get(BridgeOptions.NODE_ID);
        return new NodeSettings(id == null || id.isBlank() ? defaultId() : id.trim(), s.get(BridgeOptions.NODE_LEASE));
    }

    /** Host name and process id: unique among processes on one database without any configuration. */
    public static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** How often the node renews what it holds: three heartbeats fit in a lease, so one lost beat costs nothing. */
    public Duration heartbeat() {
        return lease.dividedBy(3);
    }
}
