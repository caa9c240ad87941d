package io.hlbridge.nodes;

import java.sql.SQLException;

import io.hlbridge.store.Database;

/**
 * Takes a lease row by compare-and-set, portably (H2 and PostgreSQL share no upsert that tells who won): an
 * {@code UPDATE} that succeeds only where the row's lease ran out (or is ours), else an {@code INSERT} of a new row,
 * which the primary key refuses when another node made it first. Nothing stays locked after the statement.
 */
final class LeaseRow {
    private static final String UNIQUE_VIOLATION = "23505";

    private LeaseRow() {
    }

    /** True when {@code update} touched the row or {@code insert} made it; false when another node holds it. */
    static boolean take(Database db, String update, Database.Binder updateBinder, String insert,
            Database.Binder insertBinder) throws SQLException {
        if (db.update(update, updateBinder) == 1) {
            return true;
        }
        try {
            db.update(insert, insertBinder);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
