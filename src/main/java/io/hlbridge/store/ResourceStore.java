package io.hlbridge.store;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calendar object resources seen in polled iCloud calendars, per connection. A resource is known by its path
 * ({@link ServerPath}); what is read is given under the address it is asked for, so a calendar reached under another
 * address finds its resources as the poll names them.
 */
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

    /** The stored resources among {@code hrefs}, by the href asked for. */
    public Map<String, Resource> find(String connectionName, Collection<String> hrefs) throws SQLException {
        Map<String, String> asked = new HashMap<>();
        hrefs.forEach(h -> asked.putIfAbsent(ServerPath.of(h), h));
        Map<String, Resource> out = new LinkedHashMap<>();
        for (Resource r : db.queryIn("SELECT " + COLUMNS + " FROM icloud_resource WHERE connection_name = ?"
                + " AND href_path IN", connectionName, asked.keySet(), ResourceStore::row)) {
            String href = asked.get(ServerPath.of(r.href()));
            out.put(href, new Resource(href, r.calendarUrl(), r.etag(), r.status(), r.reason(), r.reexpandIcs()));
        }
        return out;
    }

    /** Every stored resource of one calendar, by href under {@code calendarUrl}'s address. */
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
        URI address = URI.create(calendarUrl);
        return db.query("SELECT " + COLUMNS + " FROM icloud_resource WHERE connection_name = ? AND calendar_path = ?"
                + andWhere, ps -> {
                    ps.setString(1, connectionName);
                    ps.setString(2, ServerPath.of(calendarUrl));
                }, rs -> {
                    Resource r = row(rs);
                    return new Resource(ServerPath.under(r.href(), address).toString(), calendarUrl, r.etag(),
                            r.status(), r.reason(), r.reexpandIcs());
                });
    }

    public void save(String connectionName, Resource r, long now) throws SQLException {
        db.upsert("UPDATE icloud_resource SET calendar_url = ?, etag = ?, status = ?, reason = ?, reexpand_ics = ?,"
                + " updated_at = ?, href = ?, calendar_path = ? WHERE connection_name = ? AND href_path = ?",
                "INSERT INTO icloud_resource (calendar_url, etag, status, reason, reexpand_ics, updated_at, href,"
                        + " calendar_path, connection_name, href_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> bind(ps, connectionName, r, now));
    }

    public void delete(String connectionName, String href) throws SQLException {
        db.update("DELETE FROM icloud_resource WHERE connection_name = ? AND href_path = ?", ps -> {
            ps.setString(1, connectionName);
            ps.setString(2, ServerPath.of(href));
        });
    }

    private static void bind(PreparedStatement ps, String connectionName, Resource r, long now) throws SQLException {
        ps.setString(1, r.calendarUrl());
        ps.setString(2, r.etag());
        ps.setString(3, r.status().name());
        ps.setString(4, r.reason() == null || r.reason().length() <= 2000 ? r.reason() : r.reason().substring(0, 2000));
        ps.setString(5, r.reexpandIcs());
        ps.setLong(6, now);
        ps.setString(7, r.href());
        ps.setString(8, ServerPath.of(r.calendarUrl()));
        ps.setString(9, connectionName);
        ps.setString(10, ServerPath.of(r.href()));
    }

    private static Resource row(ResultSet rs) throws SQLException {
        return new Resource(rs.getString(1), rs.getString(2), rs.getString(3), Status.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6));
    }
}
