package io.hlbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** The reason the connection is blocked, if these credentials were refused after {@code markedAfter}. */
    public Optional<String> needsCredentials(String connectionName, String fingerprint, long markedAfter)
            throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT reason, credential_fingerprint, updated_at"
                        + " FROM connection_state WHERE connection_name = ? AND status = 'NEEDS_CREDENTIALS'")) {
            ps.setString(1, connectionName);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && fingerprint.equals(rs.getString(2)) && rs.getLong(3) > markedAfter) {
                    return Optional.of(rs.getString(1));
                }
            }
        }
        return Optional.empty();
    }

    /** Removes a mark made for other credentials than {@code fingerprint}; returns whether there was one. */
    public boolean liftIfOtherCredentials(String connectionName, String fingerprint) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM connection_state WHERE connection_name = ?"
                        + " AND status = 'NEEDS_CREDENTIALS' AND credential_fingerprint <> ?")) {
            ps.setString(1, connectionName);
            ps.setString(2, fingerprint);
            return ps.executeUpdate() > 0;
        }
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
