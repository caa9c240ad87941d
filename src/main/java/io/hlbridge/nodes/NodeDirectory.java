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
        Map<String, Long> work = counts("SELECT node_id, COUNT(*) FROM work_claim WHERE lease_until >= ? GROUP BY node_id",
                now);
        Map<String, Long> polls = counts("SELECT node_id, COUNT(*) FROM poll_claim WHERE lease_until >= ?"
                + " GROUP BY node_id", now);
        Map<String, Long> leases = counts("SELECT node_id, COUNT(*) FROM cluster_lease WHERE lease_until >= ?"
                + " GROUP BY node_id", now);
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

    private Map<String, Long> counts(String sql, long now) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        db.query(sql, ps -> ps.setLong(1, now), rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }
}
