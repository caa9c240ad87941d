package io.hlbridge.nodes;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.hlbridge.highlevel.LocationRateLimiter;
import io.hlbridge.highlevel.RateBudget;
import io.hlbridge.store.Database;

/**
 * HighLevel's burst budget per location (100 requests / 10 s) shared by every node on the store: one row per
 * location in {@code rate_budget} lists the requests that still count, and a node takes a slot under that row's lock
 * ({@code SELECT ... FOR UPDATE}) only while fewer than the maximum count. A slot counts from the moment it is taken
 * until a window after its answer, as {@link LocationRateLimiter} counts within one process, so
 * however HighLevel's window slides, the nodes together never exceed it. A slot whose answer never came (its node
 * died) counts until {@code openMillis} after it was taken. Within one node one thread at a time asks the store for a
 * location's slot, so the row's lock is contended by the nodes, not by every worker. Hand-written: no rate-limit
 * library here keeps its state in a relational database (Bucket4j's JDBC module is not in this build's mirror).
 * Nodes' clocks must agree to well under a window (NTP).
 */
public final class SharedRateBudget implements RateBudget {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharedRateBudget.class);
    private final Database db;
    /** Names this process's slots: short, so a row of a hundred slots stays a few kilobytes. */
    private final String prefix = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36);
    private final java.util.Set<String> rows = ConcurrentHashMap.newKeySet();
    private final int maxRequests;
    private final long windowMillis;
    private final long openMillis;
    private final AtomicLong slots = new AtomicLong();
    private final Map<String, ReentrantLock> asking = new ConcurrentHashMap<>();

    public SharedRateBudget(Database db, int maxRequests, long windowMillis, long timeoutMillis) {
        this.db = db;
        this.maxRequests = maxRequests;
        this.windowMillis = windowMillis;
        this.openMillis = timeoutMillis + windowMillis;
    }

    /** One request that still counts: its id, when it was taken, and when its answer came (0: still in flight). */
    record Slot(String id, long taken, long answered) {
        static Slot parse(String s) {
            int a = s.lastIndexOf(':');
            int t = s.lastIndexOf(':', a - 1);
            return new Slot(s.substring(0, t), Long.parseLong(s.substring(t + 1, a)), Long.parseLong(s.substring(a + 1)));
        }

        @Override
        public String toString() {
            return id + ":" + taken + ":" + answered;
        }

        /** When this slot stops counting. */
        long freeAt(long windowMillis, long openMillis) {
            return answered > 0 ? answered + windowMillis : taken + openMillis;
        }
    }

    @Override
    public String take(String locationId) throws InterruptedException, IOException {
        ReentrantLock mine = asking.computeIfAbsent(locationId, k -> new ReentrantLock(true));
        mine.lockInterruptibly();
        try {
            String id = prefix + "." + slots.incrementAndGet();
            ensureRow(locationId);
            while (true) {
                long wait = tryTake(locationId, id);
                if (wait == 0) {
                    return id;
                }
                // a slot frees when the earliest answer is a window old: an answer still in flight frees none sooner
                Thread.sleep(Math.max(1, Math.min(wait, 1_000)));
            }
        } catch (SQLException e) {
            throw new IOException("the shared rate budget could not be read: " + e.getMessage(), e);
        } finally {
            mine.unlock();
        }
    }

    /** Takes the slot and returns 0, or returns how long until the next slot is free. */
    private long tryTake(String locationId, String id) throws SQLException {
        long[] wait = {0};
        db.inTransaction(c -> {
            String stored = locked(c, locationId);
            long now = System.currentTimeMillis();
            List<Slot> live = live(stored, now);
            if (live.size() >= maxRequests) {
                wait[0] = live.stream().mapToLong(s -> s.freeAt(windowMillis, openMillis)).min().orElse(now + 1) - now;
                wait[0] = Math.max(1, wait[0]);
            } else {
                live.add(new Slot(id, now, 0));
            }
            write(c, locationId, live);
        });
        return wait[0];
    }

    /** The location's row exists before it is locked (a failed INSERT would end PostgreSQL's transaction). */
    private void ensureRow(String locationId) throws SQLException {
        if (rows.contains(locationId)) {
            return;
        }
        try {
            db.update("INSERT INTO rate_budget (location_id, slots) VALUES (?, '')", ps -> ps.setString(1, locationId));
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
        rows.add(locationId);
    }

    @Override
    public void settle(String locationId, String slot) {
        try {
            db.inTransaction(c -> {
                String stored = locked(c, locationId);
                long now = System.currentTimeMillis();
                List<Slot> live = live(stored, now);
                live.replaceAll(s -> s.id().equals(slot) ? new Slot(s.id(), s.taken(), now) : s);
                write(c, locationId, live);
            });
        } catch (SQLException e) {
            // the slot then counts until openMillis after it was taken: safe, only slower
            LOG.debug("Rate slot {} not settled: {}", slot, e.getMessage());
        }
    }

    /** The location's slots, its row locked until the caller's transaction ends ("" when there is no row yet). */
    private static String locked(java.sql.Connection c, String locationId) throws SQLException {
        try (var ps = c.prepareStatement("SELECT slots FROM rate_budget WHERE location_id = ? FOR UPDATE")) {
            ps.setString(1, locationId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private List<Slot> live(String stored, long now) {
        List<Slot> live = new ArrayList<>();
        if (!stored.isEmpty()) {
            for (String s : stored.split(",")) {
                Slot slot = Slot.parse(s);
                if (slot.freeAt(windowMillis, openMillis) > now) {
                    live.add(slot);
                }
            }
        }
        return live;
    }

    private static void write(java.sql.Connection c, String locationId, List<Slot> live) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (Slot s : live) {
            out.append(out.length() == 0 ? "" : ",").append(s);
        }
        Database.update(c, "UPDATE rate_budget SET slots = ? WHERE location_id = ?", ps -> {
            ps.setString(1, out.toString());
            ps.setString(2, locationId);
        });
    }
}
