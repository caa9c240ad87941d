package io.hlbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable inbox. A row is PENDING until the sync applied it (DONE), decided it does not apply (SKIPPED),
 * or gave up after the configured attempts (FAILED, kept for an operator to look at and re-queue).
 */
public final class InboxStore {

    public enum Status { PENDING, DONE, SKIPPED, FAILED }

    public enum Insert { STORED, DUPLICATE }

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public InboxStore(Database db) {
        this.db = db;
    }

    private static final String INSERT = "INSERT INTO inbox (webhook_id, work_key, event_type, location_id, payload,"
            + " received_at, status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)";

    /** Held by the thread writing a group of inserts; the threads queued behind it find theirs written. */
    private final ReentrantLock writer = new ReentrantLock();
    private final ConcurrentLinkedQueue<QueuedInsert> queued = new ConcurrentLinkedQueue<>();

    /**
     * Stores one entry and returns once it is committed; a repeated webhook id is reported, not stored.
     * Concurrent callers share commits (group commit): while one transaction is being written the next ones
     * queue up, and whoever takes the writer next commits all of them at once. Under a burst of webhooks this
     * turns one commit per webhook into one per group, without delaying a lone one.
     */
    public Insert insert(String webhookId, String workKey, String eventType, String locationId, String payload,
            long now) throws SQLException {
        QueuedInsert mine = new QueuedInsert(webhookId, workKey, eventType, locationId, payload, now);
        queued.add(mine);
        writer.lock();
        try {
            if (mine.result == null && mine.failure == null) {
                List<QueuedInsert> group = new ArrayList<>();
                for (QueuedInsert q; (q = queued.poll()) != null;) {
                    group.add(q);
                }
                writeGroup(group);
            }
        } finally {
            writer.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void writeGroup(List<QueuedInsert> group) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (QueuedInsert q : group) {
                    q.bind(ps);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                group.forEach(q -> q.result = Insert.STORED);
                return;
            } catch (SQLException e) {
                c.rollback();
            }
            // A repeated id (or one bad row) fails the whole batch: store them one by one so only it is refused.
            c.setAutoCommit(true);
            for (QueuedInsert q : group) {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    q.bind(ps);
                    ps.executeUpdate();
                    q.result = Insert.STORED;
                } catch (SQLException e) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        q.result = Insert.DUPLICATE;
                    } else {
                        q.failure = e;
                    }
                }
            }
        } catch (SQLException e) {
            group.stream().filter(q -> q.result == null).forEach(q -> q.failure = e);
        }
    }

    /** One caller's row; its outcome is set under {@link #writer}, so the caller reads it after taking the lock. */
    private static final class QueuedInsert {
        final String webhookId;
        final String workKey;
        final String eventType;
        final String locationId;
        final String payload;
        final long now;
        Insert result;
        SQLException failure;

        QueuedInsert(String webhookId, String workKey, String eventType, String locationId, String payload, long now) {
            this.webhookId = webhookId;
            this.workKey = workKey;
            this.eventType = eventType;
            this.locationId = locationId;
            this.payload = payload;
            this.now = now;
        }

        void bind(PreparedStatement ps) throws SQLException {
            ps.setString(1, webhookId);
            ps.setString(2, workKey);
            ps.setString(3, eventType);
            ps.setString(4, locationId);
            ps.setString(5, payload);
            ps.setLong(6, now);
            ps.setLong(7, now);
        }
    }

    /** Work keys with at least one pending entry that is due. */
    public List<String> dueWorkKeys(long now, int limit) throws SQLException {
        return db.query("SELECT DISTINCT work_key FROM inbox WHERE status = 'PENDING' AND next_attempt_at <= ?"
                + " FETCH FIRST " + limit + " ROWS ONLY", ps -> ps.setLong(1, now), rs -> rs.getString(1));
    }

    /** All pending entries of one work key, oldest first; due or not, since one fresh read serves them all. */
    public List<InboxEntry> pending(String workKey) throws SQLException {
        return db.query("SELECT id, webhook_id, work_key, event_type, location_id, payload, received_at, attempts"
                + " FROM inbox WHERE work_key = ? AND status = 'PENDING' ORDER BY id", ps -> ps.setString(1, workKey),
                rs -> new InboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getInt(8)));
    }

    /** Whether the work key has an entry not yet applied (due or waiting). */
    public boolean hasPending(String workKey) throws SQLException {
        return !db.query("SELECT 1 FROM inbox WHERE work_key = ? AND status = 'PENDING' FETCH FIRST 1 ROWS ONLY",
                ps -> ps.setString(1, workKey), rs -> true).isEmpty();
    }

    /** Binds one entry's parameters; the entry id is always the last one. */
    private interface Binder {
        void bind(PreparedStatement ps, InboxEntry e) throws SQLException;
    }

    /** Runs {@code sql} once per pending entry, in one transaction. */
    private void updateEach(Collection<InboxEntry> entries, String sql, Binder binder) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (InboxEntry e : entries) {
                binder.bind(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    public void complete(Collection<InboxEntry> entries, Status status, String note, long now) throws SQLException {
        updateEach(entries, "UPDATE inbox SET status = ?, completed_at = ?, last_error = ? WHERE id = ? AND status = 'PENDING'",
                (ps, e) -> {
                    ps.setString(1, status.name());
                    ps.setLong(2, now);
                    ps.setString(3, truncate(note));
                    ps.setLong(4, e.id());
                });
    }

    /**
     * Records a failed attempt. Entries that reached {@code maxAttempts} become FAILED; the others are due again
     * at {@code nextAttemptAt}. Returns how many were parked as FAILED.
     */
    public int retryLater(Collection<InboxEntry> entries, long nextAttemptAt, String error, int maxAttempts, long now)
            throws SQLException {
        int[] failed = {0};
        updateEach(entries, "UPDATE inbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, status = ?,"
                + " completed_at = ? WHERE id = ? AND status = 'PENDING'", (ps, e) -> {
                    boolean giveUp = e.attempts() + 1 >= maxAttempts;
                    failed[0] += giveUp ? 1 : 0;
                    ps.setLong(1, nextAttemptAt);
                    ps.setString(2, truncate(error));
                    ps.setString(3, giveUp ? Status.FAILED.name() : Status.PENDING.name());
                    if (giveUp) {
                        ps.setLong(4, now);
                    } else {
                        ps.setNull(4, java.sql.Types.BIGINT);
                    }
                    ps.setLong(5, e.id());
                });
        return failed[0];
    }

    /** Makes every pending entry that waits for a later time due now (credentials replaced at start-up). */
    public int makeDue(long now) throws SQLException {
        return db.update("UPDATE inbox SET next_attempt_at = ? WHERE status = 'PENDING' AND next_attempt_at > ?", ps -> {
            ps.setLong(1, now);
            ps.setLong(2, now);
        });
    }

    /** Makes pending entries due later without counting a failed attempt (waiting for a server to come back). */
    public void postpone(Collection<InboxEntry> entries, long nextAttemptAt, String reason) throws SQLException {
        updateEach(entries, "UPDATE inbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'PENDING'",
                (ps, e) -> {
                    ps.setLong(1, nextAttemptAt);
                    ps.setString(2, truncate(reason));
                    ps.setLong(3, e.id());
                });
    }

    public Map<Status, Long> countByStatus() throws SQLException {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        db.query("SELECT status, COUNT(*) FROM inbox GROUP BY status", ps -> { },
                rs -> Map.entry(Status.valueOf(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
