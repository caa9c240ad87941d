package io.hlbridge.nodes;

/**
 * This process as one node of the bridge: its id, its lease, and whether the store is shared with other nodes (a
 * database server) or only this process's (an embedded H2 file), in which case nothing needs claiming.
 */
public record Node(String id, long leaseMillis, boolean shared) {
}
