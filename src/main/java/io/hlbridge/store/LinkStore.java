package io.hlbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HighLevel id ⇄ iCloud resource, per connection. A resource is looked up by its path ({@link ServerPath}), so the
 * bridge knows its own events under any address of their calendar; a link keeps the address it was last written under.
 */
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

    /** The links of one connection: for {@code HIGHLEVEL}, the iCloud events the bridge wrote for it. */
    public List<EventLink> ofConnection(String connectionName, String origin) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM event_link WHERE connection_name = ? AND origin = ?", ps -> {
            ps.setString(1, connectionName);
            ps.setString(2, origin);
        }, LinkStore::row);
    }

    /** The links of one connection among {@code hrefs}, by the href asked for. */
    public Map<String, EventLink> byHrefs(String connectionName, Collection<String> hrefs) throws SQLException {
        Map<String, String> asked = new HashMap<>();
        hrefs.forEach(h -> asked.putIfAbsent(ServerPath.of(h), h));
        Map<String, EventLink> out = new HashMap<>();
        for (EventLink l : db.queryIn("SELECT " + COLUMNS + " FROM event_link WHERE connection_name = ?"
                + " AND href_path IN", connectionName, asked.keySet(), LinkStore::row)) {
            out.putIfAbsent(asked.get(ServerPath.of(l.href())), l);
        }
        return out;
    }

    public void save(EventLink link) throws SQLException {
        db.inTransaction(c -> save(c, link));
    }

    /** Saves inside the caller's transaction. */
    public void save(Connection c, EventLink link) throws SQLException {
        Database.upsert(c, "UPDATE event_link SET calendar_url = ?, href = ?, uid = ?, etag = ?, content_hash = ?,"
                + " origin = ?, hl_date_updated = ?, sequence_no = ?, updated_at = ?, calendar_path = ?, href_path = ?"
                + " WHERE hl_id = ? AND connection_name = ?",
                "INSERT INTO event_link (calendar_url, href, uid, etag, content_hash, origin, hl_date_updated, sequence_no,"
                        + " updated_at, calendar_path, href_path, hl_id, connection_name)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> bind(ps, link));
    }

    /** Deletes inside the caller's transaction. */
    public void delete(Connection c, String hlId, String connectionName) throws SQLException {
        Database.update(c, "DELETE FROM event_link WHERE hl_id = ? AND connection_name = ?", ps -> {
            ps.setString(1, hlId);
            ps.setString(2, connectionName);
        });
    }

    /** Applies the changes, in order, inside the caller's transaction. */
    public void apply(Connection c, List<LinkChange> changes) throws SQLException {
        for (LinkChange change : changes) {
            if (change.saved() == null) {
                delete(c, change.hlId(), change.connectionName());
            } else {
                save(c, change.saved());
            }
        }
    }

    /** Applies the changes in a transaction of their own. */
    public void apply(List<LinkChange> changes) throws SQLException {
        if (!changes.isEmpty()) {
            db.inTransaction(c -> apply(c, changes));
        }
    }

    private static void bind(PreparedStatement ps, EventLink l) throws SQLException {
        ps.setString(1, l.calendarUrl());
        ps.setString(2, l.href());
        ps.setString(3, l.uid());
        ps.setString(4, l.etag());
        ps.setString(5, l.contentHash());
        ps.setString(6, l.origin());
        if (l.hlDateUpdated() == null) {
            ps.setNull(7, Types.BIGINT);
        } else {
            ps.setLong(7, l.hlDateUpdated());
        }
        ps.setInt(8, l.sequence());
        ps.setLong(9, System.currentTimeMillis());
        ps.setString(10, ServerPath.of(l.calendarUrl()));
        ps.setString(11, ServerPath.of(l.href()));
        ps.setString(12, l.hlId());
        ps.setString(13, l.connectionName());
    }

    private List<EventLink> query(String sql, String arg) throws SQLException {
        return db.query(sql, ps -> ps.setString(1, arg), LinkStore::row);
    }

    private static EventLink row(ResultSet rs) throws SQLException {
        long du = rs.getLong(9);
        Long dateUpdated = rs.wasNull() ? null : du;
        return new EventLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), dateUpdated, rs.getInt(10));
    }
}
