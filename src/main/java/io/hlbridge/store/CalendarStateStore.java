package io.hlbridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Per polled calendar: the sync token of the last complete poll and how far recurring events were expanded. A calendar
 * is known by its path ({@link ServerPath}); the address it was last polled under is kept for the operator's views.
 */
public final class CalendarStateStore {

    /** {@code syncToken} null means "never synced" (or dropped); {@code expandedUntil} null means never expanded. */
    /**
     * @param busyRules what the connection's busy-time choices were when the resources were last planned (a
     *                  fingerprint); null when not recorded yet
     */
    public record CalendarState(String syncToken, boolean syncSupported, Long expandedUntil, String busyRules) {
        public static final CalendarState NEW = new CalendarState(null, true, null, null);

        /** This store never completed a poll of the calendar. */
        public boolean isNew() {
            return syncToken == null && expandedUntil == null;
        }
    }

    private final Database db;

    public CalendarStateStore(Database db) {
        this.db = db;
    }

    public CalendarState get(String connectionName, String calendarUrl) throws SQLException {
        return db.query("SELECT sync_token, sync_supported, expanded_until, busy_rules FROM calendar_state"
                + " WHERE connection_name = ? AND calendar_path = ?", ps -> {
                    ps.setString(1, connectionName);
                    ps.setString(2, ServerPath.of(calendarUrl));
                }, rs -> {
                    long until = rs.getLong(3);
                    return new CalendarState(rs.getString(1), rs.getBoolean(2), rs.wasNull() ? null : until,
                            rs.getString(4));
                }).stream().findFirst().orElse(CalendarState.NEW);
    }

    /** When each polled calendar of the connection last completed a poll (epoch millis), by calendar URL. */
    public java.util.Map<String, Long> lastPolls(String connectionName) throws SQLException {
        java.util.Map<String, Long> polls = new java.util.TreeMap<>();
        db.query("SELECT calendar_url, last_poll_at FROM calendar_state WHERE connection_name = ?",
                ps -> ps.setString(1, connectionName), rs -> polls.put(rs.getString(1), rs.getLong(2)));
        return polls;
    }

    /** {@link #lastPolls} of the connections {@code names} (at most a page of them), from one query. */
    public java.util.Map<String, java.util.Map<String, Long>> lastPollsOf(java.util.List<String> names)
            throws SQLException {
        java.util.Map<String, java.util.Map<String, Long>> polls = new java.util.HashMap<>();
        if (names.isEmpty()) {
            return polls;
        }
        db.query("SELECT connection_name, calendar_url, last_poll_at FROM calendar_state WHERE connection_name IN ("
                + String.join(",", java.util.Collections.nCopies(names.size(), "?")) + ")", ps -> {
                    for (int k = 0; k < names.size(); k++) {
                        ps.setString(k + 1, names.get(k));
                    }
                }, rs -> polls.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>()).put(rs.getString(2),
                        rs.getLong(3)));
        return polls;
    }

    /** {@link #lastPolls} of every connection, by connection name, from one query. */
    public java.util.Map<String, java.util.Map<String, Long>> lastPollsOfAll() throws SQLException {
        java.util.Map<String, java.util.Map<String, Long>> polls = new java.util.HashMap<>();
        db.query("SELECT connection_name, calendar_url, last_poll_at FROM calendar_state", ps -> { },
                rs -> polls.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>()).put(rs.getString(2),
                        rs.getLong(3)));
        return polls;
    }

    /**
     * The next poll of the calendar is a full resync: its sync token goes, and its resources' ETags, so every
     * resource is fetched and planned again (slots are keyed by resource and instance: none is made twice).
     * False when the connection never polled that calendar.
     */
    public boolean resync(String connectionName, String calendarUrl) throws SQLException {
        int[] rows = {0};
        db.inTransaction(c -> {
            rows[0] = Database.update(c, "UPDATE calendar_state SET sync_token = NULL, sync_supported = TRUE"
                    + " WHERE connection_name = ? AND calendar_path = ?", ps -> {
                        ps.setString(1, connectionName);
                        ps.setString(2, ServerPath.of(calendarUrl));
                    });
            Database.update(c, "UPDATE icloud_resource SET etag = NULL WHERE connection_name = ? AND calendar_path = ?",
                    ps -> {
                        ps.setString(1, connectionName);
                        ps.setString(2, ServerPath.of(calendarUrl));
                    });
        });
        return rows[0] > 0;
    }

    /** A poll that changed nothing went through at {@code now}: the last poll's time, and nothing else, moves. */
    public void polled(String connectionName, String calendarUrl, long now) throws SQLException {
        db.update("UPDATE calendar_state SET last_poll_at = ? WHERE connection_name = ? AND calendar_path = ?", ps -> {
            ps.setLong(1, now);
            ps.setString(2, connectionName);
            ps.setString(3, ServerPath.of(calendarUrl));
        });
    }

    public void save(String connectionName, String calendarUrl, CalendarState state, long now) throws SQLException {
        db.upsert("UPDATE calendar_state SET sync_token = ?, sync_supported = ?, expanded_until = ?, last_poll_at = ?,"
                + " calendar_url = ?, busy_rules = ? WHERE connection_name = ? AND calendar_path = ?",
                "INSERT INTO calendar_state (sync_token, sync_supported, expanded_until, last_poll_at, calendar_url,"
                        + " busy_rules, connection_name, calendar_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> bind(ps, state, now, connectionName, calendarUrl));
    }

    private static void bind(PreparedStatement ps, CalendarState s, long now, String connectionName, String calendarUrl)
            throws SQLException {
        ps.setString(1, s.syncToken());
        ps.setBoolean(2, s.syncSupported());
        if (s.expandedUntil() == null) {
            ps.setNull(3, Types.BIGINT);
        } else {
            ps.setLong(3, s.expandedUntil());
        }
        ps.setLong(4, now);
        ps.setString(5, calendarUrl);
        ps.setString(6, s.busyRules());
        ps.setString(7, connectionName);
        ps.setString(8, ServerPath.of(calendarUrl));
    }
}
