package io.hlbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The HighLevel Marketplace installations (table {@code oauth_installation}), their tokens sealed with
 * {@code bridge.secret-key}. {@link #locked} reads a row {@code FOR UPDATE}: the one way a token is renewed, so that
 * one refresh at a time runs per installation, whichever thread or node asks (H2 and PostgreSQL both lock the row
 * until the transaction ends).
 */
public final class InstallationStore {
    private static final String COLUMNS = "resource_id, user_type, company_id, state, reason, access_token,"
            + " refresh_token, expires_at, refreshed_at, installed_at, updated_at";

    private final Database db;
    private final SecretBox box;

    /** @param box null when bridge.secret-key is not set (then no installation can be stored) */
    public InstallationStore(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    public boolean canStore() {
        return box != null;
    }

    public int count() throws SQLException {
        return db.query("SELECT COUNT(*) FROM oauth_installation", ps -> { }, rs -> rs.getInt(1)).get(0);
    }

    public Optional<Installation> byId(String resourceId) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM oauth_installation WHERE resource_id = ?",
                ps -> ps.setString(1, resourceId), this::row).stream().findFirst();
    }

    public List<Installation> all() throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM oauth_installation ORDER BY resource_id", ps -> { }, this::row);
    }

    /** The locations installed through agency {@code companyId}. */
    public List<Installation> ofCompany(String companyId) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM oauth_installation WHERE company_id = ? AND user_type = ?",
                ps -> {
                    ps.setString(1, companyId);
                    ps.setString(2, Installation.LOCATION);
                }, this::row);
    }

    /** Installations whose last token is older than {@code before}: their refresh tokens are renewed while idle. */
    public List<Installation> refreshedBefore(long before) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM oauth_installation WHERE state = ? AND refresh_token IS NOT NULL"
                + " AND refreshed_at < ?", ps -> {
                    ps.setString(1, Installation.State.AUTHORIZED.name());
                    ps.setLong(2, before);
                }, this::row);
    }

    /** The row locked for the caller's transaction on {@code c}, read again under the lock. */
    public Optional<Installation> locked(Connection c, String resourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM oauth_installation WHERE resource_id = ? FOR UPDATE")) {
            ps.setString(1, resourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /**
     * When this store first saw the app event {@code eventKey} (a hash of its signed body): now, recorded, when it never
     * did. An event whose body carries no time is as old as this says.
     */
    public long firstSeen(Connection c, String eventKey, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT first_seen FROM app_event WHERE event_key = ?")) {
            ps.setString(1, eventKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_event (event_key, first_seen) VALUES (?, ?)")) {
            ps.setString(1, eventKey);
            ps.setLong(2, now);
            ps.executeUpdate();
        }
        return now;
    }

    /** Writes the whole row (insert or replace) on the caller's connection. */
    public void save(Connection c, Installation i) throws SQLException {
        if (box == null) {
            throw new IllegalStateException("bridge.secret-key is not set: no installation can be stored");
        }
        Database.upsert(c, "UPDATE oauth_installation SET user_type = ?, company_id = ?, state = ?, reason = ?,"
                + " access_token = ?, refresh_token = ?, expires_at = ?, refreshed_at = ?, installed_at = ?,"
                + " updated_at = ? WHERE resource_id = ?", "INSERT INTO oauth_installation (user_type, company_id,"
                + " state, reason, access_token, refresh_token, expires_at, refreshed_at, installed_at, updated_at,"
                + " resource_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, i.userType());
                    ps.setString(2, i.companyId());
                    ps.setString(3, i.state().name());
                    ps.setString(4, i.reason() == null ? null : i.reason().substring(0, Math.min(1000,
                            i.reason().length())));
                    ps.setString(5, seal(i.accessToken(), i.resourceId(), "access-token"));
                    ps.setString(6, seal(i.refreshToken(), i.resourceId(), "refresh-token"));
                    ps.setLong(7, i.expiresAt());
                    ps.setLong(8, i.refreshedAt());
                    ps.setLong(9, i.installedAt());
                    ps.setLong(10, i.updatedAt());
                    ps.setString(11, i.resourceId());
                });
    }

    public void save(Installation i) throws SQLException {
        db.inTransaction(c -> save(c, i));
    }

    private String seal(String token, String resourceId, String field) {
        return token == null ? null : box.seal(token, "installation:" + resourceId + ":" + field);
    }

    private Installation row(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new Installation(id, rs.getString(2), rs.getString(3), Installation.State.valueOf(rs.getString(4)),
                rs.getString(5), open(rs.getString(6), id, "access-token"), open(rs.getString(7), id, "refresh-token"),
                rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11));
    }

    private String open(String sealed, String resourceId, String field) throws SQLException {
        if (sealed == null) {
            return null;
        }
        if (box == null) {
            throw new IllegalStateException("bridge.secret-key is not set: the installations' tokens cannot be read");
        }
        try {
            return box.open(sealed, "installation:" + resourceId + ":" + field);
        } catch (SecretBox.WrongKey e) {
            throw new SQLException("the stored " + field + " of installation " + resourceId
                    + " does not open with bridge.secret-key", e);
        }
    }
}
