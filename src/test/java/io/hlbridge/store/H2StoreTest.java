package io.hlbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class H2StoreTest extends StoreContract {
    private Path dir;

    @Override
    DataSource emptyDatabase() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + Files.createTempDirectory("store-h2-empty-").resolve("bridge").toAbsolutePath());
        return new HikariDataSource(config);
    }

    @Override
    Database open() throws Exception {
        dir = Files.createTempDirectory("store-h2-");
        return reopen();
    }

    /**
     * An embedded H2 file gets the bridge's settings (commits written at once, 5 s retention behind the housekeeping
     * thread's sync, a statement cache for the appointment path), and the running store really has them; a setting
     * the configured URL names itself is left as the user wrote it.
     */
    @Test
    void embeddedFilesGetTheBridgeSettingsUnlessTheUrlNamesThem() throws Exception {
        assertEquals("jdbc:h2:file:./d;WRITE_DELAY=0;RETENTION_TIME=5000;QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE",
                Database.durableUrl("jdbc:h2:file:./d"));
        assertEquals("jdbc:h2:file:./d;retention_time=60000;WRITE_DELAY=0;QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE",
                Database.durableUrl("jdbc:h2:file:./d;retention_time=60000"));
        assertEquals("jdbc:h2:mem:x", Database.durableUrl("jdbc:h2:mem:x"));
        assertEquals("jdbc:postgresql://h/db", Database.durableUrl("jdbc:postgresql://h/db"));
        try (Connection c = db.connection()) {
            org.h2.mvstore.MVStore mv = ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class)
                    .getSession()).getDatabase().getStore().getMvStore();
            assertEquals(5_000, mv.getFileStore().getRetentionTime());
        }
    }

    /**
     * An installation made before Flyway (schema version 2 recorded by the bridge's own migrator in schema_version,
     * bodies in the inbox rows) is taken over at its version and keeps its pending work.
     */
    @Test
    void upgradingAStoreMadeBeforeFlywayKeepsItsPendingWork() throws Exception {
        Path old = Files.createTempDirectory("store-h2-v2-");
        String url = "jdbc:h2:file:" + old.resolve("bridge").toAbsolutePath();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        try (HikariDataSource v2 = new HikariDataSource(config)) {
            try (Connection c = v2.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                        + " applied_at BIGINT NOT NULL)");
                for (String script : List.of("V1__inbox_links.sql", "V2__icloud_import.sql")) {
                    String sql = new String(getClass().getResourceAsStream("/db/migration/" + script).readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
                    for (String statement : sql.split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                    s.executeUpdate("INSERT INTO schema_version VALUES (" + script.charAt(1) + ", '" + script + "', 1)");
                }
                s.executeUpdate("INSERT INTO inbox (webhook_id, work_key, event_type, location_id, payload, received_at,"
                        + " status, attempts, next_attempt_at) VALUES ('old-1', 'appointment:A', 'AppointmentCreate', 'L1',"
                        + " '{\"v\":1}', 1, 'PENDING', 0, 1)");
                s.executeUpdate("INSERT INTO inbox (webhook_id, work_key, event_type, location_id, payload, received_at,"
                        + " status, attempts, next_attempt_at) VALUES ('old-2', 'appointment:A', 'AppointmentUpdate', 'L1',"
                        + " '{\"v\":2}', 2, 'PENDING', 0, 2)");
            }
        }
        try (Database upgraded = new Database(new StoreSettings(url, null, null, 2))) {
            InboxStore inbox = new InboxStore(upgraded);
            assertEquals(List.of("{\"v\":1}", "{\"v\":2}"),
                    inbox.pending("appointment:A").stream().map(InboxEntry::payload).toList());
            assertEquals(InboxStore.Insert.DUPLICATE, inbox.insert("old-1", "appointment:A", "AppointmentCreate", "L1",
                    "{}", 3L), "the upgraded inbox still refuses a replay");
            assertEquals(List.of("2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"), upgraded.query("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
                    + " ORDER BY \"installed_rank\"", ps -> { }, rs -> rs.getString(1)),
                    "Flyway took the store over at version 2 and applied the rest");
            assertTrue(upgraded.query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME ="
                    + " 'SCHEMA_VERSION'", ps -> { }, rs -> rs.getLong(1)).get(0) == 0, "the old version table is gone");
        }
    }

    /**
     * H2 compacts its file in the bridge's own housekeeping thread (its own one does not run with WRITE_DELAY=0).
     * H2 rewrites only chunks older than its retention time (45 s), so this database keeps them for one second.
     * The payloads are read back after the rewrite.
     */
    @Test
    void compactionRewritesSparseChunksAndKeepsTheData() throws Exception {
        Path small = Files.createTempDirectory("store-h2-compact-");
        try (Database compacting = new Database(new StoreSettings("jdbc:h2:file:" + small.resolve("bridge")
                .toAbsolutePath() + ";RETENTION_TIME=1000", null, null, 2))) {
            InboxStore inbox = new InboxStore(compacting);
            for (int i = 0; i < 300; i++) {
                inbox.insert("compact-" + i, "appointment:compact-" + i, "AppointmentCreate", "L1", "{\"i\":" + i + "}",
                        1L);
                inbox.complete(inbox.pending("appointment:compact-" + i), i % 2 == 0 ? InboxStore.Status.DONE
                        : InboxStore.Status.SKIPPED, null, 2L);
            }
            long deadline = System.currentTimeMillis() + 15_000;
            while (compacting.compactions() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(compacting.compactions() > 0, "the housekeeping thread rewrote sparse chunks");
            assertEquals(300L, (long) compacting.query("SELECT COUNT(*) FROM inbox WHERE webhook_id LIKE 'compact-%'",
                    ps -> { }, rs -> rs.getLong(1)).get(0));
            assertEquals("{\"i\":7}", compacting.query("SELECT p.payload FROM inbox i JOIN inbox_payload p"
                    + " ON p.inbox_id = i.id WHERE i.webhook_id = 'compact-7'", ps -> { }, rs -> rs.getString(1)).get(0));
        }
    }

    /**
     * A webhook answered 200 is on disk, not only handed to the OS (a power loss would lose it): every group commit is
     * forced before its callers return. The file system counts what was written since the last force.
     */
    @Test
    void everyStoredWebhookIsForcedToDiskBeforeItsInsertReturns() throws Exception {
        ForceCountingFileSystem.register();
        Path counted = Files.createTempDirectory("store-h2-fsync-");
        try (Database forced = new Database(new StoreSettings("jdbc:h2:forcecount:" + counted.resolve("bridge")
                .toAbsolutePath(), null, null, 2))) {
            InboxStore inbox = new InboxStore(forced);
            long forcesBefore = ForceCountingFileSystem.FORCES.get();
            for (int i = 0; i < 30; i++) {
                inbox.insert("fsync-" + i, "appointment:fsync-" + i, "AppointmentCreate", "L1", "{}", 1L);
                assertEquals(0, ForceCountingFileSystem.WRITES_SINCE_FORCE.get(), "webhook " + i + " is on disk");
            }
            assertTrue(ForceCountingFileSystem.FORCES.get() - forcesBefore >= 30, "one force per lone insert at least");
        }
    }

    @Override
    Database reopen() {
        return new Database(new StoreSettings("jdbc:h2:file:" + dir.resolve("bridge").toAbsolutePath(), null, null, 4));
    }
}
