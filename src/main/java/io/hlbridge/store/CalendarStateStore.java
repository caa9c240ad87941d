package io.hlbridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Per polled calendar: the sync token of the last complete poll and how far recurring events were expanded. */
public final class CalendarStateStore {

    /** {@code syncToken} null means "never synced" (or dropped); {@code expandedUntil} null means never expanded. */
    public record CalendarState(String syncToken, boolean syncSupported, Long expandedUntil) {
        public static final CalendarState NEW = new CalendarState(null, true, null);

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
        return db.query("SELECT sync_token, sync_supported, expanded_until FROM calendar_state"
                + " WHERE connection_name = ? AND calendar_url = ?", ps -> {
                    ps.setString(1, connectionName);
                    ps.setString(2, calendarUrl);
                }, rs -> {
                    long until = rs.getLong(3);
                    return new CalendarState(rs.getString(1), rs.getBoolean(2), rs.wasNull() ? null : until);
                }).stream().findFirst().orElse(CalendarState.NEW);
    }

    public void save(String connectionName, String calendarUrl, CalendarState state, long now) throws SQLException {
        db.upsert("UPDATE calendar_state SET sync_token = ?, sync_supported = ?, expanded_until = ?, last_poll_at = ?"
                + " WHERE connection_name = ? AND calendar_url = ?",
                "INSERT INTO calendar_state (sync_token, sync_supported, expanded_until, last_poll_at, connection_name,"
                        + " calendar_url) VALUES (?, ?, ?, ?, ?, ?)",
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
        ps.setString(5, connectionName);
        ps.setString(6, calendarUrl);
    }
}
