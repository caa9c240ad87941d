package io.hlbridge.nodes;

import java.sql.SQLException;

import io.hlbridge.store.Database;

/**
 * Which node applies a work key (one appointment's inbox entries): a row in {@code work_claim} with a lease that the
 * node's heartbeat renews. Only the holder of a live claim works the key, so two nodes never write one appointment at
 * once; a dead node's claims expire after one lease and the others' sweepers pick its entries up. A compare-and-set
 * on a row, not {@code SELECT ... FOR UPDATE}: nothing is held open while the appointment is written. On a store only
 * this process can open, every claim is granted without a query.
 */
public final class WorkClaims {
    private final Database db;
    private final Node node;

    public WorkClaims(Database db, Node node) {
        this.db = db;
        this.node = node;
    }

    /** True when this node now holds {@code workKey}; false when another node's claim on it is live. */
    public boolean claim(String workKey) throws SQLException {
        if (!node.shared()) {
            return true;
        }
        long now = System.currentTimeMillis();
        long until = now + node.leaseMillis();
        return LeaseRow.take(db, "UPDATE work_claim SET node_id = ?, lease_until = ? WHERE work_key = ?"
                + " AND (lease_until < ? OR node_id = ?)", ps -> {
                    ps.setString(1, node.id());
                    ps.setLong(2, until);
                    ps.setString(3, workKey);
                    ps.setLong(4, now);
                    ps.setString(5, node.id());
                }, "INSERT INTO work_claim (work_key, node_id, lease_until) VALUES (?, ?, ?)", ps -> {
                    ps.setString(1, workKey);
                    ps.setString(2, node.id());
                    ps.setLong(3, until);
                });
    }

    /** This node is done with {@code workKey}. */
    public void release(String workKey) throws SQLException {
        if (node.shared()) {
            db.update("DELETE FROM work_claim WHERE work_key = ? AND node_id = ?", ps -> {
                ps.setString(1, workKey);
                ps.setString(2, node.id());
            });
        }
    }
}
