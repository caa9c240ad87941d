package io.hlbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Connections whose credentials the CalDAV server refused. A mark holds only while the configured credentials are
 * the ones that were refused: replacing the app password (same fingerprint no more) lifts it.
 */
public final class ConnectionStateStore {
    private final Database db;

    public ConnectionStateStore(Database db) {
        this.db = db;
    }

    /** A refusal: whose, the fingerprint of the refused credentials, why, and when. */
    public record Mark(String connectionName, String fingerprint, String reason, long markedAt) {
    }

    private static final String MARK = "SELECT connection_name, credential_fingerprint, reason, updated_at"
            + " FROM connection_state WHERE status = 'NEEDS_CREDENTIALS'";

    /** Every connection marked as needing credentials, by name: one read serves a whole poll round. */
    public Map<String, Mark> marks() throws SQLException {
        Map<String, Mark> marks = new HashMap<>();
        for (Mark m : db.query(MARK, ps -> { }, ConnectionStateStore::row)) {
            marks.put(m.connectionName(), m);
        }
        return marks;
    }

    /** The mark of one connection, if it has one. */
    public Optional<Mark> mark(String connectionName) throws SQLException {
        return db.query(MARK + " AND connection_name = ?", ps -> ps.setString(1, connectionName),
                ConnectionStateStore::row).stream().findFirst();
    }

    private static Mark row(ResultSet rs) throws SQLException {
        return new Mark(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }

    /** Removes a mark made for other credentials than {@code fingerprint}; returns whether there was one. */
    public boolean liftIfOtherCredentials(String connectionName, String fingerprint) throws SQLException {
        return db.update("DELETE FROM connection_state WHERE connection_name = ? AND status = 'NEEDS_CREDENTIALS'"
                + " AND credential_fingerprint <> ?", ps -> {
                    ps.setString(1, connectionName);
                    ps.setString(2, fingerprint);
                }) > 0;
    }

    public void markNeedsCredentials(String connectionName, String fingerprint, String reason) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM connection_state WHERE connection_name = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO connection_state (connection_name, status,"
                            + " reason, credential_fingerprint, updated_at) VALUES (?, 'NEEDS_CREDENTIALS', ?, ?, ?)")) {
                del.setString(1, connectionName);
                del.executeUpdate();
                ins.setString(1, connectionName);
                ins.setString(2, reason);
                ins.setString(3, fingerprint);
                ins.setLong(4, System.currentTimeMillis());
                ins.executeUpdate();
            }
            c.commit();
        }
    }
}
