package io.hlbridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The HighLevel blocked slots the bridge made, one per busy instance of an iCloud resource. A resource is known by its
 * path on the server (V9__blocked_slot_path.sql): the same calendar reached under another address (another iCloud
 * partition host, a changed icloud.caldav-url, nodes with different addresses) finds its slots, and the store's
 * unique index refuses a second row, so a second slot, for one instance.
 */
public final class BlockedSlotStore {

    /**
     * @param instanceKey which instance of the resource: its original start (RECURRENCE-ID) in epoch millis, so a
     *                    moved instance keeps its key and its slot
     * @param slotId      HighLevel's id; null while the POST that makes it has not been confirmed
     */
    public record Slot(String connectionName, String href, String instanceKey, String slotId, long start, long end,
            String title) {
        public Slot withSlotId(String id) {
            return new Slot(connectionName, href, instanceKey, id, start, end, title);
        }
    }

    private final Database db;

    public BlockedSlotStore(Database db) {
        this.db = db;
    }

    /** The slots of one resource, under the address asked for (the poll's, which its writes are keyed by). */
    public List<Slot> forResource(String connectionName, String href) throws SQLException {
        return db.query("SELECT instance_key, slot_id, start_at, end_at, title FROM blocked_slot"
                + " WHERE connection_name = ? AND href_path = ?", ps -> {
                    ps.setString(1, connectionName);
                    ps.setString(2, ServerPath.of(href));
                }, rs -> new Slot(connectionName, href, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5)));
    }

    /** Every blocked slot the bridge made for one connection. */
    public List<Slot> ofConnection(String connectionName) throws SQLException {
        return db.query("SELECT connection_name, href, instance_key, slot_id, start_at, end_at, title FROM blocked_slot"
                + " WHERE connection_name = ?", ps -> ps.setString(1, connectionName),
                rs -> new Slot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getString(7)));
    }

    /** Whether a HighLevel event id is a blocked slot this bridge made. */
    public boolean isOurs(String slotId) throws SQLException {
        return !db.query("SELECT 1 FROM blocked_slot WHERE slot_id = ? FETCH FIRST 1 ROWS ONLY",
                ps -> ps.setString(1, slotId), rs -> true).isEmpty();
    }

    /** Inserts or replaces the row of one instance; it keeps the address it was last seen under. */
    public void save(Slot s) throws SQLException {
        db.upsert("UPDATE blocked_slot SET slot_id = ?, start_at = ?, end_at = ?, title = ?, updated_at = ?, href = ?"
                + " WHERE connection_name = ? AND href_path = ? AND instance_key = ?",
                "INSERT INTO blocked_slot (slot_id, start_at, end_at, title, updated_at, href, connection_name,"
                        + " href_path, instance_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> bind(ps, s));
    }

    public void delete(Slot s) throws SQLException {
        db.update("DELETE FROM blocked_slot WHERE connection_name = ? AND href_path = ? AND instance_key = ?", ps -> {
            ps.setString(1, s.connectionName());
            ps.setString(2, ServerPath.of(s.href()));
            ps.setString(3, s.instanceKey());
        });
    }

    private static void bind(PreparedStatement ps, Slot s) throws SQLException {
        ps.setString(1, s.slotId());
        ps.setLong(2, s.start());
        ps.setLong(3, s.end());
        ps.setString(4, s.title());
        ps.setLong(5, System.currentTimeMillis());
        ps.setString(6, s.href());
        ps.setString(7, s.connectionName());
        ps.setString(8, ServerPath.of(s.href()));
        ps.setString(9, s.instanceKey());
    }
}
