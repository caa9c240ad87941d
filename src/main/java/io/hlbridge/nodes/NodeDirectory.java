package io.hlbridge.nodes;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hlbridge.store.Database;

/** The nodes on the store and what each holds, as the status page and {@code GET /admin/api/nodes} show them. */
public final class NodeDirectory {
    private final Database db;
    private final NodeHeartbeat heartbeat;

    public NodeDirectory(Database db, NodeHeartbeat heartbeat) {
        this.db = db;
        this.heartbeat = heartbeat;
    }

    /**
     * One node: {@code live} while its heartbeat is younger than a lease; {@code singletons} when it runs the routes
     * that run on one node; how many appointments it is writing and Apple IDs it is polling.
     */
    public record Entry(String nodeId, boolean local, long startedAt, long heartbeatAt, boolean live,
            boolean singletons, long appointments, long appleIds) {
    }

    public Node self() {
        return heartbeat.node();
    }

    /** Every node heard from recently, this one first. Alone on an embedded store, just this node. */
    public List<Entry> list() throws SQLException {
        Node me = heartbeat.node();
        long now = System.currentTimeMillis();
        if (!me.shared()) {
            return List.of(new Entry(me.id(), true, heartbeat.startedAt(), now, true,
                    heartbeat.leads(NodesWiring.SINGLETONS), 0, 0));
        }
        // what each node holds, from one query: work claims, poll claims, singleton leases
        Map<String, Long> work = new HashMap<>();
        Map<String, Long> polls = new HashMap<>();
        Map<String, Long> leases = new HashMap<>();
        db.query("SELECT 'w', node_id, COUNT(*) FROM work_claim WHERE lease_until >= ? GROUP BY node_id"
                + " UNION ALL SELECT 'p', node_id, COUNT(*) FROM poll_claim WHERE lease_until >= ? GROUP BY node_id"
                + " UNION ALL SELECT 'l', node_id, COUNT(*) FROM cluster_lease WHERE lease_until >= ? GROUP BY node_id",
                ps -> {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                    ps.setLong(3, now);
                }, rs -> (switch (rs.getString(1)) {
                    case "w" -> work;
                    case "p" -> polls;
                    default -> leases;
                }).put(rs.getString(2), rs.getLong(3)));
        List<Entry> nodes = new ArrayList<>(db.query("SELECT node_id, started_at, heartbeat_at FROM bridge_node"
                + " ORDER BY node_id", ps -> { }, rs -> {
                    String id = rs.getString(1);
                    long beat = rs.getLong(3);
                    return new Entry(id, id.equals(me.id()), rs.getLong(2), beat, beat + me.leaseMillis() >= now,
                            leases.getOrDefault(id, 0L) > 0, work.getOrDefault(id, 0L), polls.getOrDefault(id, 0L));
                }));
        nodes.sort((a, b) -> Boolean.compare(b.local(), a.local()));
        return nodes;
    }

}
