package io.hlbridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** HighLevel id ⇄ iCloud resource, per connection. */
public final class LinkStore {
    private static final String COLUMNS = "hl_id, connection_name, calendar_url, href, uid, etag, content_hash, origin,"
            + " hl_date_updated, sequence_no";

    private final Database db;

    public LinkStore(Database db) {
        this.db = db;
    }

    public List<EventLink> forItem(String hlId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM event_link WHERE hl_id = ?", hlId);
    }

    public Optional<EventLink> find(String hlId, String connectionName) throws SQLException {
        return forItem(hlId).stream().filter(l -> l.connectionName().equals(connectionName)).findFirst();
    }

    public List<EventLink> byHref(String href) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM event_link WHERE href = ?", href);
    }

    public void save(EventLink link) throws SQLException {
        db.upsert("UPDATE event_link SET calendar_url = ?, href = ?, uid = ?, etag = ?, content_hash = ?, origin = ?,"
                + " hl_date_updated = ?, sequence_no = ?, updated_at = ? WHERE hl_id = ? AND connection_name = ?",
                "INSERT INTO event_link (calendar_url, href, uid, etag, content_hash, origin, hl_date_updated, sequence_no,"
                        + " updated_at, hl_id, connection_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> bind(ps, link));
    }

    public void delete(String hlId, String connectionName) throws SQLException {
        db.update("DELETE FROM event_link WHERE hl_id = ? AND connection_name = ?", ps -> {
            ps.setString(1, hlId);
            ps.setString(2, connectionName);
        });
    }

    private static void bind(PreparedStatement ps, EventLink l) throws SQLException {
        int from = 1;
        ps.setString(from, l.calendarUrl());
        ps.setString(from + 1, l.href());
        ps.setString(from + 2, l.uid());
        ps.setString(from + 3, l.etag());
        ps.setString(from + 4, l.contentHash());
        ps.setString(from + 5, l.origin());
        if (l.hlDateUpdated() == null) {
            ps.setNull(from + 6, Types.BIGINT);
        } else {
            ps.setLong(from + 6, l.hlDateUpdated());
        }
        ps.setInt(from + 7, l.sequence());
        ps.setLong(from + 8, System.currentTimeMillis());
        ps.setString(from + 9, l.hlId());
        ps.setString(from + 10, l.connectionName());
    }

    private List<EventLink> query(String sql, String arg) throws SQLException {
        return db.query(sql, ps -> ps.setString(1, arg), rs -> {
            long du = rs.getLong(9);
            Long dateUpdated = rs.wasNull() ? null : du;
            return new EventLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), dateUpdated, rs.getInt(10));
        });
    }
}
