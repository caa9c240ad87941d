package io.hlbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Connections that need new credentials. A mark holds only while the configured credentials are the ones that
 * were refused: replacing the app password (same fingerprint no more) lifts it.
 */
public final class ConnectionStateStore {
    private final Database db;

    public ConnectionStateStore(Database db) {
        this.db = db;
    }

    /** The reason the connection is blocked, if it is blocked with these credentials. */
    public Optional<String> needsCredentials(String connectionName, String fingerprint) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT reason, credential_fingerprint FROM connection_state"
                        + " WHERE connection_name = ? AND status = 'NEEDS_CREDENTIALS'")) {
            ps.setString(1, connectionName);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && fingerprint.equals(rs.getString(2))) {
                    return Optional.of(rs.getString(1));
                }
            }
        }
        return Optional.empty();
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
