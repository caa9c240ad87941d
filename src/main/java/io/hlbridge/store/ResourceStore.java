package io.hlbridge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The calendar object resources seen in polled iCloud calendars, by href, per connection. */
public final class ResourceStore {

    public enum Status { IMPORTED, QUARANTINED }

    /** {@code reexpandIcs}: the text of series and of events beyond the window end, whose busy time the moving window changes. */
    public record Resource(String href, String calendarUrl, String etag, Status status, String reason,
            String reexpandIcs) {
    }

    private static final String COLUMNS = "href, calendar_url, etag, status, reason, reexpand_ics";

    private final Database db;

    public ResourceStore(Database db) {
        this.db = db;
    }

    /** The stored resources among {@code hrefs}. */
    public Map<String, Resource> find(String connectionName, Collection<String> hrefs) throws SQLException {
        Map<String, Resource> out = new LinkedHashMap<>();
        for (Resource r : db.queryIn("SELECT " + COLUMNS + " FROM icloud_resource WHERE connection_name = ? AND href IN",
                connectionName, hrefs, ResourceStore::row)) {
            out.put(r.href(), r);
        }
        return out;
    }

    /** Every stored resource of one calendar. */
    public Map<String, Resource> inCalendar(String connectionName, String calendarUrl) throws SQLException {
        Map<String, Resource> out = new LinkedHashMap<>();
        for (Resource r : ofCalendar(connectionName, calendarUrl, "")) {
            out.put(r.href(), r);
        }
        return out;
    }

    /** Resources of one calendar whose busy time changes as the window moves on. */
    public List<Resource> toReexpand(String connectionName, String calendarUrl) throws SQLException {
        return ofCalendar(connectionName, calendarUrl, " AND reexpand_ics IS NOT NULL");
    }

    private List<Resource> ofCalendar(String connectionName, String calendarUrl, String andWhere) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM icloud_resource WHERE connection_name = ? AND calendar_url = ?"
                + andWhere, ps -> {
                    ps.setString(1, connectionName);
                    ps.setString(2, calendarUrl);
                }, ResourceStore::row);
    }

    public void save(String connectionName, Resource r, long now) throws SQLException {
        db.upsert("UPDATE icloud_resource SET calendar_url = ?, etag = ?, status = ?, reason = ?, reexpand_ics = ?,"
                + " updated_at = ? WHERE connection_name = ? AND href = ?",
                "INSERT INTO icloud_resource (calendar_url, etag, status, reason, reexpand_ics, updated_at,"
                        + " connection_name, href) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> bind(ps, connectionName, r, now));
    }

    public void delete(String connectionName, String href) throws SQLException {
        db.update("DELETE FROM icloud_resource WHERE connection_name = ? AND href = ?", ps -> {
            ps.setString(1, connectionName);
            ps.setString(2, href);
        });
    }

    private static void bind(PreparedStatement ps, String connectionName, Resource r, long now) throws SQLException {
        ps.setString(1, r.calendarUrl());
        ps.setString(2, r.etag());
        ps.setString(3, r.status().name());
        ps.setString(4, r.reason() == null || r.reason().length() <= 2000 ? r.reason() : r.reason().substring(0, 2000));
        ps.setString(5, r.reexpandIcs());
        ps.setLong(6, now);
        ps.setString(7, connectionName);
        ps.setString(8, r.href());
    }

    private static Resource row(ResultSet rs) throws SQLException {
        return new Resource(rs.getString(1), rs.getString(2), rs.getString(3), Status.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6));
    }
}
