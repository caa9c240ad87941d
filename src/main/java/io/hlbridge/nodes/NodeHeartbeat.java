package io.hlbridge.nodes;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.hlbridge.store.Database;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's heartbeat, every third of a lease: it records the node in {@code bridge_node}, renews the leases of the
 * work and polls it holds, and holds or takes the singleton leases ({@code cluster_lease}) that decide which node runs
 * the routes that must run once (the leader, per namespace). When the store cannot be reached for a whole lease, the
 * node gives up its leadership at once, before another node can take it over. On stop it lets go of everything, so
 * a rolling restart hands the singletons over without waiting for a lease.
 * <p>
 * Hand-written because Camel 4.18 has no JDBC cluster service (operations-stack.md §3); the view Camel's
 * ClusteredRoutePolicy listens to ({@link DatabaseClusterService}) is fed from here.
 */
public final class NodeHeartbeat extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);
    private final Database db;
    private final Node node;
    private final long periodMillis;
    private final long startedAt = System.currentTimeMillis();
    /** Singleton namespace → told whether this node leads it, after each beat that changed it. */
    private final Map<String, Consumer<Boolean>> singletons = new ConcurrentHashMap<>();
    private final Map<String, Boolean> leading = new ConcurrentHashMap<>();
    private volatile long lastBeat = System.currentTimeMillis();
    private ScheduledExecutorService timer;

    public NodeHeartbeat(Database db, Node node, long periodMillis) {
        this.db = db;
        this.node = node;
        this.periodMillis = periodMillis;
    }

    public Node node() {
        return node;
    }

    long startedAt() {
        return startedAt;
    }

    /** The namespace's leadership is decided by this heartbeat from now on; {@code onChange} hears each change. */
    void lead(String namespace, Consumer<Boolean> onChange) {
        singletons.put(namespace, onChange);
        if (timer != null) {
            timer.execute(this::beat);
        }
    }

    void stopLeading(String namespace) {
        singletons.remove(namespace);
        leading.remove(namespace);
        if (node.shared()) {
            try {
                releaseLease(namespace);
            } catch (SQLException e) {
                LOG.debug("Could not give up {}: {}", namespace, e.getMessage());
            }
        }
    }

    boolean leads(String namespace) {
        return leading.getOrDefault(namespace, false);
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bridge-node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        beat();
        timer.scheduleWithFixedDelay(this::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        LOG.info("Node {}: {}", node.id(), node.shared() ? "shares its store with any other node on it (lease "
                + node.leaseMillis() + " ms)" : "the only node on its store (an embedded H2 file)");
    }

    @Override
    protected void doStop() throws Exception {
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
        singletons.keySet().forEach(ns -> announce(ns, false));
        if (node.shared()) {
            try {
                db.inTransaction(c -> {
                    for (String table : new String[] {"work_claim", "poll_claim", "cluster_lease", "bridge_node"}) {
                        Database.update(c, "DELETE FROM " + table + " WHERE node_id = ?",
                                ps -> ps.setString(1, node.id()));
                    }
                });
            } catch (SQLException e) {
                LOG.warn("Node {} could not give up its claims (they expire after the lease): {}", node.id(),
                        e.getMessage());
            }
        }
    }

    /** One beat; never throws (a failed beat is retried at the next). */
    void beat() {
        long now = System.currentTimeMillis();
        if (!node.shared()) {
            singletons.keySet().forEach(ns -> announce(ns, true));
            return;
        }
        try {
            long until = now + node.leaseMillis();
            db.inTransaction(c -> {
                Database.upsert(c, "UPDATE bridge_node SET started_at = ?, heartbeat_at = ? WHERE node_id = ?",
                        "INSERT INTO bridge_node (started_at, heartbeat_at, node_id) VALUES (?, ?, ?)", ps -> {
                            ps.setLong(1, startedAt);
                            ps.setLong(2, now);
                            ps.setString(3, node.id());
                        });
                Database.update(c, "UPDATE work_claim SET lease_until = ? WHERE node_id = ?", ps -> {
                    ps.setLong(1, until);
                    ps.setString(2, node.id());
                });
                Database.update(c, "UPDATE poll_claim SET lease_until = ? WHERE node_id = ? AND lease_until > 0",
                        ps -> {
                            ps.setLong(1, until);
                            ps.setString(2, node.id());
                        });
                // nodes not heard from for many leases are forgotten (the status page lists the others as silent)
                Database.update(c, "DELETE FROM bridge_node WHERE heartbeat_at < ?",
                        ps -> ps.setLong(1, now - 20 * node.leaseMillis()));
            });
            for (String ns : singletons.keySet()) {
                announce(ns, holdOrTake(ns, now, until));
            }
            lastBeat = now;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Node {} heartbeat failed: {}", node.id(), e.getMessage());
            if (now - lastBeat >= node.leaseMillis() - periodMillis) {
                // before our lease can have run out at the store, stop acting as the leader
                singletons.keySet().forEach(ns -> announce(ns, false));
            }
        }
    }

    private boolean holdOrTake(String namespace, long now, long until) throws SQLException {
        return LeaseRow.take(db, "UPDATE cluster_lease SET node_id = ?, lease_until = ? WHERE name = ?"
                + " AND (node_id = ? OR lease_until < ?)", ps -> {
                    ps.setString(1, node.id());
                    ps.setLong(2, until);
                    ps.setString(3, namespace);
                    ps.setString(4, node.id());
                    ps.setLong(5, now);
                }, "INSERT INTO cluster_lease (name, node_id, lease_until) VALUES (?, ?, ?)", ps -> {
                    ps.setString(1, namespace);
                    ps.setString(2, node.id());
                    ps.setLong(3, until);
                });
    }

    private void releaseLease(String namespace) throws SQLException {
        db.update("DELETE FROM cluster_lease WHERE name = ? AND node_id = ?", ps -> {
            ps.setString(1, namespace);
            ps.setString(2, node.id());
        });
    }

    private void announce(String namespace, boolean leader) {
        Boolean before = leading.put(namespace, leader);
        Consumer<Boolean> listener = singletons.get(namespace);
        if (listener != null && (before == null || before != leader)) {
            LOG.info("Node {} {} {}", node.id(), leader ? "now runs" : "no longer runs", namespace);
            listener.accept(leader);
        }
    }
}
