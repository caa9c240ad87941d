package io.hlbridge.store;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HighLevel blocked slots the bridge copied into its users' linked calendars (table {@code highlevel_slot_copy}),
 * and when each connection's slots were last read ({@code highlevel_slot_poll}).
 */
public final class SlotCopyStore {

    /** One copy: the slot, its event in iCloud, the ETag written, the hash of what was written, the slot's end. */
    public record Copy(String connectionName, String slotId, String calendarUrl, String href, String etag,
            String contentHash, long endAt) {
    }

    private final Database db;

    public SlotCopyStore(Database db) {
        this.db = db;
    }

    /** The connection's copies by slot id. */
    public Map<String, Copy> ofConnection(String connectionName) throws SQLException {
        Map<String, Copy> copies = new LinkedHashMap<>();
        for (Copy c : db.query("SELECT connection_name, slot_id, calendar_url, href, etag, content_hash, end_at FROM"
                + " highlevel_slot_copy WHERE connection_name = ? ORDER BY slot_id", ps -> ps.setString(1,
                connectionName), rs -> new Copy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getLong(7)))) {
            copies.put(c.slotId(), c);
        }
        return copies;
    }

    public void save(Copy c, long now) throws SQLException {
        db.upsert("UPDATE highlevel_slot_copy SET calendar_url = ?, href = ?, etag = ?, content_hash = ?, end_at = ?,"
                + " updated_at = ? WHERE connection_name = ? AND slot_id = ?", "INSERT INTO highlevel_slot_copy"
                + " (calendar_url, href, etag, content_hash, end_at, updated_at, connection_name, slot_id) VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, c.calendarUrl());
                    ps.setString(2, c.href());
                    ps.setString(3, c.etag());
                    ps.setString(4, c.contentHash());
                    ps.setLong(5, c.endAt());
                    ps.setLong(6, now);
                    ps.setString(7, c.connectionName());
                    ps.setString(8, c.slotId());
                });
    }

    public void delete(String connectionName, String slotId) throws SQLException {
        db.update("DELETE FROM highlevel_slot_copy WHERE connection_name = ? AND slot_id = ?", ps -> {
            ps.setString(1, connectionName);
            ps.setString(2, slotId);
        });
    }

    /** When the connection's slots were last read in full; 0 when never. */
    public long polledAt(String connectionName) throws SQLException {
        List<Long> at = db.query("SELECT polled_at FROM highlevel_slot_poll WHERE connection_name = ?",
                ps -> ps.setString(1, connectionName), rs -> rs.getLong(1));
        return at.isEmpty() ? 0 : at.get(0);
    }

    public void polled(String connectionName, long now) throws SQLException {
        db.upsert("UPDATE highlevel_slot_poll SET polled_at = ? WHERE connection_name = ?",
                "INSERT INTO highlevel_slot_poll (polled_at, connection_name) VALUES (?, ?)", ps -> {
                    ps.setLong(1, now);
                    ps.setString(2, connectionName);
                });
    }
}
