package io.hlbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private static final String INSERT = "INSERT INTO inbox (webhook_id, work_key, event_type, location_id,"
            + " received_at, status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)";
    private static final String INSERT_PAYLOAD = "INSERT INTO inbox_payload (inbox_id, payload) VALUES (?, ?)";

    /**
     * Stores one entry and returns once it is committed; a repeated webhook id is reported, not stored.
     * Concurrent callers share commits ({@link Database#inSharedTransaction}): under a burst of webhooks one
     * commit serves a group of them, without delaying a lone one.
     */
    public Insert insert(String webhookId, String workKey, String eventType, String locationId, String payload,
            long now) throws SQLException {
        try {
            db.inSharedTransaction(c -> {
                long id;
                try (PreparedStatement ps = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, webhookId);
                    ps.setString(2, workKey);
                    ps.setString(3, eventType);
                    ps.setString(4, locationId);
                    ps.setLong(5, now);
                    ps.setLong(6, now);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1); // H2 returns the identity, PostgreSQL every column: id first
                    }
                }
                Database.update(c, INSERT_PAYLOAD, ps -> {
                    ps.setLong(1, id);
                    ps.setString(2, payload);
                });
            });
            return Insert.STORED;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Insert.DUPLICATE;
            }
            throw e;
        }
    }

    /** Work keys with at least one pending entry that is due, and which no node holds (work_claim). */
    public List<String> dueWorkKeys(long now, int limit) throws SQLException {
        return db.query("SELECT DISTINCT i.work_key FROM inbox i WHERE i.status = 'PENDING' AND i.next_attempt_at <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM work_claim w WHERE w.work_key = i.work_key AND w.lease_until >= ?)"
                + " FETCH FIRST " + limit + " ROWS ONLY", ps -> {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                }, rs -> rs.getString(1));
    }

    /** All pending entries of one work key, oldest first; due or not, since one fresh read serves them all. */
    public List<InboxEntry> pending(String workKey) throws SQLException {
        return db.query("SELECT i.id, i.webhook_id, i.work_key, i.event_type, i.location_id, p.payload, i.received_at,"
                + " i.attempts FROM inbox i JOIN inbox_payload p ON p.inbox_id = i.id"
                + " WHERE i.work_key = ? AND i.status = 'PENDING' ORDER BY i.id", ps -> ps.setString(1, workKey),
                rs -> new InboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getInt(8)));
    }

    /** Whether the work key has an entry not yet applied (due or waiting). */
    public boolean hasPending(String workKey) throws SQLException {
        return !db.query("SELECT 1 FROM inbox WHERE work_key = ? AND status = 'PENDING' FETCH FIRST 1 ROWS ONLY",
                ps -> ps.setString(1, workKey), rs -> true).isEmpty();
    }

    /** Binds one row's parameters. */
    private interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    /** Runs {@code sql} once per entry, in one transaction. */
    private void updateEach(Collection<InboxEntry> entries, String sql, Binder<InboxEntry> binder) throws SQLException {
        db.inTransaction(c -> updateEach(c, entries, sql, binder));
    }

    /** Runs {@code sql} once per row, as one batch inside the caller's transaction. */
    private static <T> void updateEach(Connection c, Collection<T> rows, String sql, Binder<T> binder)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T e : rows) {
                binder.bind(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Marks the entries applied (or skipped), inside the caller's transaction. */
    public void complete(Connection c, Collection<InboxEntry> entries, Status status, String note, long now)
            throws SQLException {
        updateEach(c, entries, "UPDATE inbox SET status = ?, completed_at = ?, last_error = ? WHERE id = ?"
                + " AND status = 'PENDING'", (ps, e) -> {
                    ps.setString(1, status.name());
                    ps.setLong(2, now);
                    ps.setString(3, truncate(note));
                    ps.setLong(4, e.id());
                });
    }

    public void complete(Collection<InboxEntry> entries, Status status, String note, long now) throws SQLException {
        db.inTransaction(c -> complete(c, entries, status, note, now));
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

    /**
     * Deletes DONE and SKIPPED entries completed before {@code completedBefore}, with their bodies, at most
     * {@code limit} per transaction; FAILED ones stay for an operator. Returns how many went.
     */
    public int prune(long completedBefore, int limit) throws SQLException {
        // One status per query: H2 2.3.232 answered "status IN ('DONE', 'SKIPPED')" on its (status, next_attempt_at)
        // index with the last remaining row twice.
        List<Long> old = new ArrayList<>();
        for (Status done : List.of(Status.DONE, Status.SKIPPED)) {
            if (old.size() < limit) {
                old.addAll(db.query("SELECT id FROM inbox WHERE status = ? AND completed_at < ? FETCH FIRST "
                        + (limit - old.size()) + " ROWS ONLY", ps -> {
                            ps.setString(1, done.name());
                            ps.setLong(2, completedBefore);
                        }, rs -> rs.getLong(1)));
            }
        }
        if (old.isEmpty()) {
            return 0;
        }
        db.inTransaction(c -> {
            updateEach(c, old, "DELETE FROM inbox_payload WHERE inbox_id = ?", (ps, id) -> ps.setLong(1, id));
            updateEach(c, old, "DELETE FROM inbox WHERE id = ?", (ps, id) -> ps.setLong(1, id));
        });
        return old.size();
    }

    /** The states an operator sees: pending (not tried yet), retrying (tried, due again), failed (parked). */
    public enum State { PENDING, RETRYING, FAILED }

    /** One entry as the admin API lists it: no webhook body. */
    public record Item(long id, String webhookId, String workKey, String eventType, String locationId,
            long receivedAt, int attempts, long nextAttemptAt, String lastError, State state) {
    }

    private static final String ITEM = "SELECT id, webhook_id, work_key, event_type, location_id, received_at,"
            + " attempts, next_attempt_at, last_error, status FROM inbox";

    /** The entries in {@code state}, oldest first, at most {@code limit}. */
    public List<Item> list(State state, int limit) throws SQLException {
        String where = switch (state) {
            case PENDING -> " WHERE status = 'PENDING' AND attempts = 0";
            case RETRYING -> " WHERE status = 'PENDING' AND attempts > 0";
            case FAILED -> " WHERE status = 'FAILED'";
        };
        return db.query(ITEM + where + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", ps -> { },
                InboxStore::item);
    }

    public Optional<Item> item(long id) throws SQLException {
        return db.query(ITEM + " WHERE id = ?", ps -> ps.setLong(1, id), InboxStore::item).stream()
                .filter(i -> i.state() != null).findFirst();
    }

    private static Item item(ResultSet rs) throws SQLException {
        String status = rs.getString(10);
        State state = status.equals("FAILED") ? State.FAILED : !status.equals("PENDING") ? null
                : rs.getInt(7) == 0 ? State.PENDING : State.RETRYING;
        return new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getInt(7), rs.getLong(8), rs.getString(9), state);
    }

    /** A failed or waiting entry is due now with its attempts counted from zero; false when it is neither. */
    public boolean retryNow(long id, long now) throws SQLException {
        return db.update("UPDATE inbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?, completed_at = NULL"
                + " WHERE id = ? AND status IN ('FAILED', 'PENDING')", ps -> {
                    ps.setLong(1, now);
                    ps.setLong(2, id);
                }) > 0;
    }

    /** Every failed entry is due now; returns how many. */
    public int retryAllFailed(long now) throws SQLException {
        return db.update("UPDATE inbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?, completed_at = NULL"
                + " WHERE status = 'FAILED'", ps -> ps.setLong(1, now));
    }

    /** Deletes a failed or waiting entry and its body; false when there is none (or it was applied). */
    public boolean drop(long id) throws SQLException {
        int[] gone = {0};
        db.inTransaction(c -> {
            gone[0] = Database.update(c, "DELETE FROM inbox WHERE id = ? AND status IN ('FAILED', 'PENDING')",
                    ps -> ps.setLong(1, id));
            if (gone[0] > 0) {
                Database.update(c, "DELETE FROM inbox_payload WHERE inbox_id = ?", ps -> ps.setLong(1, id));
            }
        });
        return gone[0] > 0;
    }

    /** How many entries are in each operator state (the inbox depth gauge). */
    public Map<State, Long> countByState() throws SQLException {
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State s : State.values()) {
            counts.put(s, 0L);
        }
        db.query("SELECT status, CASE WHEN attempts = 0 THEN 0 ELSE 1 END, COUNT(*) FROM inbox"
                + " WHERE status IN ('PENDING', 'FAILED') GROUP BY status, CASE WHEN attempts = 0 THEN 0 ELSE 1 END",
                ps -> { }, rs -> {
                    State st = rs.getString(1).equals("FAILED") ? State.FAILED
                            : rs.getInt(2) == 0 ? State.PENDING : State.RETRYING;
                    counts.merge(st, rs.getLong(3), Long::sum);
                    return null;
                });
        return counts;
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
