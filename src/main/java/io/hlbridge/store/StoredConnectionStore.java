package io.hlbridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.hlbridge.config.SyncChoices;

/**
 * The connections created at run time. App passwords and HighLevel tokens are sealed with {@code bridge.secret-key}
 * ({@link SecretBox}) before they reach the table and opened as rows are read; without a key no connection can be
 * stored, and a store that holds some refuses to open with none, or with another key.
 */
public final class StoredConnectionStore {
    private static final String CHECK_VALUE = "hlbridge-secret-key-check";
    private static final String COLUMNS = "name, location_id, user_id, apple_id, app_password, highlevel_token,"
            + " linked_calendar, conflict_calendars, time_zone, calendar_id, paused, event_details, blocked_slot_title,"
            + " all_day, icloud_deletions, highlevel_blocked_slots, created_at, updated_at";

    private final Database db;
    private final SecretBox box;

    /** @param box null when bridge.secret-key is not set */
    public StoredConnectionStore(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    /** Whether connections can be stored: bridge.secret-key is set. */
    public boolean canStore() {
        return box != null;
    }

    /**
     * At start-up: the key opens what the store holds. Without a key the store must hold no connection; with one,
     * the check value sealed by the first key must open (it is sealed now when there is none yet).
     */
    public void checkKey() throws SQLException {
        if (box == null) {
            int stored = count() + db.query("SELECT COUNT(*) FROM oauth_installation", ps -> { }, rs -> rs.getInt(1))
                    .get(0);
            if (stored > 0) {
                throw new IllegalStateException("The store holds " + stored + " connection(s) or installation(s)"
                        + " whose secrets are encrypted: set bridge.secret-key (environment variable"
                        + " BRIDGE_SECRET_KEY) to the key they were stored with");
            }
            return;
        }
        List<String> check = db.query("SELECT sealed FROM secret_key_check WHERE id = 1", ps -> { },
                rs -> rs.getString(1));
        if (check.isEmpty()) {
            db.update("INSERT INTO secret_key_check (id, sealed) VALUES (1, ?)",
                    ps -> ps.setString(1, box.seal(CHECK_VALUE, "secret-key-check")));
            return;
        }
        try {
            if (!CHECK_VALUE.equals(box.open(check.get(0), "secret-key-check"))) {
                throw new SecretBox.WrongKey("the check value differs", null);
            }
        } catch (SecretBox.WrongKey e) {
            throw new IllegalStateException("bridge.secret-key is not the key this store's secrets were encrypted"
                    + " with: set the key the connections were stored with (a lost key cannot be recovered: delete"
                    + " the stored connections' rows and create them again)");
        }
    }

    public int count() throws SQLException {
        return db.query("SELECT COUNT(*) FROM stored_connection", ps -> { }, rs -> rs.getInt(1)).get(0);
    }

    /** Changes whenever a connection is created, changed or deleted: readers reload only then. */
    public String version() throws SQLException {
        return db.query("SELECT COUNT(*), COALESCE(MAX(updated_at), 0) FROM stored_connection", ps -> { },
                rs -> rs.getInt(1) + ":" + rs.getLong(2)).get(0);
    }

    /** Every stored connection in Java's name order (not the database's collation, which may differ). */
    public List<StoredConnection> all() throws SQLException {
        List<StoredConnection> rows = new java.util.ArrayList<>(db.query("SELECT " + COLUMNS + " FROM stored_connection",
                ps -> { }, this::row));
        rows.sort(java.util.Comparator.comparing(StoredConnection::name));
        return rows;
    }

    public Optional<StoredConnection> byName(String name) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM stored_connection WHERE name = ?", ps -> ps.setString(1, name),
                this::row).stream().findFirst();
    }

    public void insert(StoredConnection c) throws SQLException {
        db.update("INSERT INTO stored_connection (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)", ps -> {
                    ps.setString(1, c.name());
                    bindFields(ps, c, 2);
                    ps.setLong(17, c.createdAt());
                    ps.setLong(18, c.updatedAt());
                });
    }

    /** Replaces every field but the name and creation time; false when there is no such connection. */
    public boolean update(StoredConnection c) throws SQLException {
        return db.update("UPDATE stored_connection SET location_id = ?, user_id = ?, apple_id = ?, app_password = ?,"
                + " highlevel_token = ?, linked_calendar = ?, conflict_calendars = ?, time_zone = ?, calendar_id = ?,"
                + " paused = ?, event_details = ?, blocked_slot_title = ?, all_day = ?, icloud_deletions = ?,"
                + " highlevel_blocked_slots = ?, updated_at = ? WHERE name = ?", ps -> {
                    bindFields(ps, c, 1);
                    ps.setLong(16, c.updatedAt());
                    ps.setString(17, c.name());
                }) > 0;
    }

    /**
     * Deletes the connection with everything the store holds for it (links, blocked slots, resources, calendar
     * states, credential holds, slot copies), in one transaction; false when there is no such connection.
     */
    public boolean delete(String name) throws SQLException {
        int[] rows = {0};
        db.inTransaction(c -> {
            for (String table : List.of("event_link", "blocked_slot", "icloud_resource", "calendar_state",
                    "connection_state", "highlevel_slot_copy", "highlevel_slot_poll")) {
                Database.update(c, "DELETE FROM " + table + " WHERE connection_name = ?", ps -> ps.setString(1, name));
            }
            rows[0] = Database.update(c, "DELETE FROM stored_connection WHERE name = ?", ps -> ps.setString(1, name));
        });
        return rows[0] > 0;
    }

    /** The fifteen fields from location_id to highlevel_blocked_slots, from parameter {@code first} on. */
    private void bindFields(java.sql.PreparedStatement ps, StoredConnection c, int first) throws SQLException {
        if (box == null) {
            throw new IllegalStateException("bridge.secret-key is not set: no connection can be stored");
        }
        ps.setString(first, c.locationId());
        ps.setString(first + 1, c.userId());
        ps.setString(first + 2, c.appleId());
        ps.setString(first + 3, box.seal(c.appPassword(), place(c.name(), "app-password")));
        ps.setString(first + 4, box.seal(c.highLevelToken(), place(c.name(), "highlevel-token")));
        ps.setString(first + 5, c.linkedCalendar());
        ps.setString(first + 6, c.conflictCalendars().isEmpty() ? null : String.join("\n", c.conflictCalendars()));
        ps.setString(first + 7, c.timeZone());
        ps.setString(first + 8, c.calendarId());
        ps.setBoolean(first + 9, c.paused());
        int i = first + 10;
        for (String choice : c.choices().written().values()) {
            ps.setString(i++, choice);
        }
    }

    private StoredConnection row(ResultSet rs) throws SQLException {
        String name = rs.getString(1);
        String conflicts = rs.getString(8);
        return new StoredConnection(name, rs.getString(2), rs.getString(3), rs.getString(4),
                open(rs.getString(5), place(name, "app-password")), open(rs.getString(6), place(name, "highlevel-token")),
                rs.getString(7), conflicts == null ? List.of() : new ArrayList<>(Arrays.asList(conflicts.split("\n"))),
                rs.getString(9), rs.getString(10), choices(name, rs), rs.getBoolean(11), rs.getLong(17), rs.getLong(18));
    }

    /** Choices a later version wrote and this one cannot read are taken as not made, and said so. */
    private static SyncChoices choices(String name, ResultSet rs) throws SQLException {
        try {
            return SyncChoices.parse(rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                    rs.getString(16));
        } catch (IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(StoredConnectionStore.class).warn("Connection '{}': its stored choices"
                    + " are not readable ({}); the global sync.* keys apply", name, e.getMessage());
            return SyncChoices.GLOBAL;
        }
    }

    private String open(String sealed, String place) throws SQLException {
        if (box == null) {
            throw new IllegalStateException("bridge.secret-key is not set: the stored connections cannot be read");
        }
        try {
            return box.open(sealed, place);
        } catch (SecretBox.WrongKey e) {
            throw new SQLException("the stored " + place + " does not open with bridge.secret-key", e);
        }
    }

    private static String place(String name, String field) {
        return "connection:" + name + ":" + field;
    }
}
