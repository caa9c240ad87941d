package io.hlbridge.nodes;

import java.sql.SQLException;

import io.hlbridge.store.Database;

/**
 * Which node polls an Apple ID's calendars, and when any node may poll them next: a row in {@code poll_claim}. A
 * node's poll workers claim one Apple ID at a time as they become free, so the Apple IDs of a round spread over the
 * nodes by what each has time for; the claim's lease (renewed by the heartbeat while the poll runs) lets a dead node's
 * Apple IDs go to the others, and {@code next_poll_at} keeps every node from polling one again within the interval.
 * On a store only this process can open, every claim is granted without a query.
 */
public final class PollClaims {
    /** A poll may start this share of the interval early: the rounds of one node drift by a few milliseconds. */
    static final double EARLY = 0.1;
    private final Database db;
    private final Node node;
    private final long intervalMillis;

    public PollClaims(Database db, Node node, long intervalMillis) {
        this.db = db;
        this.node = node;
        this.intervalMillis = intervalMillis;
    }

    /** True when this node now polls {@code appleId}: no live claim holds it and its interval has passed. */
    public boolean claim(String appleId) throws SQLException {
        if (!node.shared()) {
            return true;
        }
        long now = System.currentTimeMillis();
        long next = now + Math.round(intervalMillis * (1 - EARLY));
        long until = now + node.leaseMillis();
        // a refused INSERT: held by a node, or polled within the interval
        return LeaseRow.take(db, "UPDATE poll_claim SET node_id = ?, lease_until = ?, next_poll_at = ? WHERE"
                + " apple_id = ? AND lease_until < ? AND next_poll_at <= ?", ps -> {
                    ps.setString(1, node.id());
                    ps.setLong(2, until);
                    ps.setLong(3, next);
                    ps.setString(4, appleId);
                    ps.setLong(5, now);
                    ps.setLong(6, now);
                }, "INSERT INTO poll_claim (apple_id, node_id, lease_until, next_poll_at) VALUES (?, ?, ?, ?)", ps -> {
                    ps.setString(1, appleId);
                    ps.setString(2, node.id());
                    ps.setLong(3, until);
                    ps.setLong(4, next);
                });
    }

    /** The poll of {@code appleId} ended; the next one waits for {@code next_poll_at}, on whichever node. */
    public void release(String appleId) throws SQLException {
        if (node.shared()) {
            db.update("UPDATE poll_claim SET lease_until = 0 WHERE apple_id = ? AND node_id = ?", ps -> {
                ps.setString(1, appleId);
                ps.setString(2, node.id());
            });
        }
    }
}
