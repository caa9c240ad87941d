package io.hlbridge.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code db/migration/V<n>__*.sql} with Flyway: each once, checksummed, under Flyway's lock, so nodes
 * starting together on one database migrate it once. The scripts run unchanged on H2 and PostgreSQL.
 * A store made before Flyway (versions recorded in {@code schema_version}) is taken over at the version it had.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final DataSource dataSource;

    public Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void migrate() {
        migrate(MigrationVersion.LATEST);
    }

    /** Applies the scripts up to {@code target} (tests start from an older schema with it). */
    void migrate(MigrationVersion target) {
        for (int attempt = 1;; attempt++) {
            try {
                String before = versionBeforeFlyway();
                MigrateResult result = Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        .target(target)
                        .baselineOnMigrate(true)
                        .baselineVersion(before)
                        .baselineDescription("taken over from schema_version")
                        .load()
                        .migrate();
                if (!result.migrations.isEmpty()) {
                    LOG.info("Applied database migrations: {}", result.migrations.stream()
                            .map(m -> "V" + m.version + " " + m.description).collect(Collectors.joining(", ")));
                }
                return;
            } catch (RuntimeException e) {
                // nodes starting together on an empty database: one makes Flyway's table while another looks;
                // the one that lost sees the table made at its next attempt and waits on Flyway's lock
                if (attempt >= 6) {
                    throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
                }
                LOG.info("Database migration attempt {} failed ({}); trying again", attempt, e.getMessage());
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Database migration interrupted", ie);
                }
            }
        }
    }

    /** The version the bridge's own migrator recorded before Flyway came in; 0 for an empty or new database. */
    private String versionBeforeFlyway() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? String.valueOf(rs.getInt(1)) : "0";
        } catch (SQLException e) {
            return "0"; // no such table
        }
    }
}
