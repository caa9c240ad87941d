package io.hlbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import io.hlbridge.config.AllDayPolicy;
import io.hlbridge.config.DeletionPolicy;
import io.hlbridge.config.EventDetails;
import io.hlbridge.config.HighLevelSlotPolicy;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.testing.TestSecrets;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stores' SQL on a real database, run once on H2 (the default) and once on PostgreSQL: the same migrations,
 * the inbox's shared commits under concurrency, and the portable upsert every store uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
    Database db;

    /** A fresh, empty database; migrated by {@link Database}. */
    abstract Database open() throws Exception;

    @BeforeAll
    void start() throws Exception {
        db = open();
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
        closeServer();
    }

    /** Stops the database server, if the test started one. */
    void closeServer() throws Exception {
    }

    @Test
    void concurrentWebhooksAreEachStoredOnceAndRepeatsRefused() throws Exception {
        InboxStore inbox = new InboxStore(db);
        int distinct = 400;
        int threads = 16;
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            deliveries.add("burst-" + i);
            if (i % 10 == 0) {
                deliveries.add("burst-" + i); // HighLevel delivering the same webhook twice, at the same moment
            }
        }
        Map<String, AtomicInteger> stored = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i; (i = next.getAndIncrement()) < deliveries.size();) {
                    String id = deliveries.get(i);
                    if (inbox.insert(id, "appointment:" + id, "AppointmentCreate", "L1", "{}", 1L) == InboxStore.Insert.STORED) {
                        stored.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    } else {
                        duplicates.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(distinct, stored.size(), "every webhook stored");
        assertTrue(stored.values().stream().allMatch(n -> n.get() == 1), "none stored twice: " + stored);
        assertEquals(distinct / 10, duplicates.get(), "each repeat refused");
        assertEquals(List.of((long) distinct), db.query("SELECT COUNT(*) FROM inbox WHERE webhook_id LIKE 'burst-%'"
                + " AND status = 'PENDING'", ps -> { }, rs -> rs.getLong(1)));
        assertEquals(InboxStore.Insert.DUPLICATE, inbox.insert("burst-1", "k", "AppointmentCreate", "L1", "{}", 1L),
                "a repeat arriving alone is refused too");
    }

    @Test
    void inboxEntriesMoveFromPendingToDoneOrFailed() throws Exception {
        InboxStore inbox = new InboxStore(db);
        inbox.insert("life-1", "appointment:life", "AppointmentCreate", "L1", "{\"v\":1}", 100L);
        inbox.insert("life-2", "appointment:life", "AppointmentUpdate", "L1", "{\"v\":2}", 101L);
        inbox.insert("life-3", "appointment:other", "AppointmentUpdate", "L1", "{}", 5_000L);
        assertTrue(inbox.dueWorkKeys(200L, 10_000).contains("appointment:life"));
        assertFalse(inbox.dueWorkKeys(200L, 10_000).contains("appointment:other"), "not due before its time");
        List<InboxEntry> life = inbox.pending("appointment:life");
        assertEquals(List.of("life-1", "life-2"), life.stream().map(InboxEntry::webhookId).toList(), "oldest first");

        assertEquals(0, inbox.retryLater(life, 1_000L, "server down", 2, 200L));
        assertFalse(inbox.dueWorkKeys(500L, 10_000).contains("appointment:life"), "postponed");
        assertEquals(2, inbox.retryLater(inbox.pending("appointment:life"), 2_000L, "still down", 2, 1_000L),
                "the second failed attempt of two parks both");
        assertTrue(inbox.pending("appointment:life").isEmpty());
        inbox.complete(inbox.pending("appointment:other"), InboxStore.Status.DONE, null, 6_000L);
        Map<InboxStore.Status, Long> counts = inbox.countByStatus();
        assertTrue(counts.get(InboxStore.Status.FAILED) >= 2 && counts.get(InboxStore.Status.DONE) >= 1, counts.toString());
    }

    @Test
    void savingAgainReplacesTheRow() throws Exception {
        LinkStore links = new LinkStore(db);
        links.save(new EventLink("A1", "alice", "https://c/cal/", "https://c/cal/a1.ics", "uid-a1", "\"e1\"", "h1",
                "HIGHLEVEL", 10L, 0));
        links.save(new EventLink("A1", "alice", "https://c/cal/", "https://c/cal/a1.ics", "uid-a1", "\"e2\"", "h2",
                "HIGHLEVEL", 20L, 1));
        assertEquals(1, links.forItem("A1").size());
        EventLink l = links.find("A1", "alice").orElseThrow();
        assertEquals("\"e2\"", l.etag());
        assertEquals(20L, l.hlDateUpdated());
        assertEquals(Set.of("https://p2.c/cal/a1.ics"), links.byHrefs("alice", List.of("https://p2.c/cal/a1.ics"))
                .keySet()); // found by its path under another address

        BlockedSlotStore slots = new BlockedSlotStore(db);
        slots.save(new BlockedSlotStore.Slot("alice", "https://c/p/x.ics", "k1", null, 1_000L, 2_000L, "Busy"));
        slots.save(new BlockedSlotStore.Slot("alice", "https://c/p/x.ics", "k1", "S1", 3_000L, 4_000L, "Busy"));
        List<BlockedSlotStore.Slot> saved = slots.forResource("alice", "https://c/p/x.ics");
        assertEquals(1, saved.size());
        assertEquals("S1", saved.get(0).slotId());
        assertEquals(3_000L, saved.get(0).start());
        assertTrue(slots.isOurs("S1"));

        CalendarStateStore states = new CalendarStateStore(db);
        states.save("alice", "https://c/p/", new CalendarStateStore.CalendarState("t1", true, null, null), 1L);
        states.save("alice", "https://c/p/", new CalendarStateStore.CalendarState("t2", true, 99L, "r1"), 2L);
        assertEquals(new CalendarStateStore.CalendarState("t2", true, 99L, "r1"), states.get("alice", "https://c/p/"));

        ResourceStore resources = new ResourceStore(db);
        resources.save("alice", new ResourceStore.Resource("https://c/p/x.ics", "https://c/p/", "\"r1\"",
                ResourceStore.Status.QUARANTINED, "unreadable", null), 1L);
        resources.save("alice", new ResourceStore.Resource("https://c/p/x.ics", "https://c/p/", "\"r2\"",
                ResourceStore.Status.IMPORTED, null, "BEGIN:VCALENDAR"), 2L);
        Map<String, ResourceStore.Resource> found = resources.find("alice", Set.of("https://c/p/x.ics"));
        assertEquals("\"r2\"", found.get("https://c/p/x.ics").etag());
        assertEquals(1, resources.toReexpand("alice", "https://c/p/").size());
    }

    @Test
    void pruningDeletesOldAppliedEntriesWithTheirBodiesAndKeepsTheRest() throws Exception {
        InboxStore inbox = new InboxStore(db);
        for (String id : List.of("prune-done", "prune-skipped", "prune-failed", "prune-recent", "prune-pending")) {
            inbox.insert(id, "appointment:" + id, "AppointmentCreate", "L1", "{\"id\":\"" + id + "\"}", 100L);
        }
        inbox.complete(inbox.pending("appointment:prune-done"), InboxStore.Status.DONE, null, 1_000L);
        inbox.complete(inbox.pending("appointment:prune-skipped"), InboxStore.Status.SKIPPED, "simple calendar", 1_000L);
        inbox.retryLater(inbox.pending("appointment:prune-failed"), 1_000L, "bad data", 0, 1_000L);
        inbox.complete(inbox.pending("appointment:prune-recent"), InboxStore.Status.DONE, null, 9_000L);

        int pruned = 0;
        for (int n; (n = inbox.prune(5_000L, 1)) > 0;) { // one per transaction: the batching loop is exercised too
            pruned += n;
        }
        assertEquals(2, pruned, "the DONE and the SKIPPED entry completed before the cut-off");
        assertEquals(List.of(), db.query("SELECT webhook_id FROM inbox WHERE webhook_id IN ('prune-done', 'prune-skipped')",
                ps -> { }, rs -> rs.getString(1)));
        assertEquals(List.of("prune-failed", "prune-pending", "prune-recent"), db.query("SELECT webhook_id FROM inbox"
                + " WHERE webhook_id LIKE 'prune-%' ORDER BY webhook_id", ps -> { }, rs -> rs.getString(1)),
                "FAILED stays for an operator, PENDING and recent entries stay");
        assertEquals(List.of(0L), db.query("SELECT COUNT(*) FROM inbox_payload p WHERE NOT EXISTS"
                + " (SELECT 1 FROM inbox i WHERE i.id = p.inbox_id)", ps -> { }, rs -> rs.getLong(1)), "no orphan body");
        assertEquals("{\"id\":\"prune-pending\"}", inbox.pending("appointment:prune-pending").get(0).payload());
    }

    @Test
    void linkChangesAndTheCompletionCommitTogetherOrNotAtAll() throws Exception {
        InboxStore inbox = new InboxStore(db);
        LinkStore links = new LinkStore(db);
        inbox.insert("together-1", "appointment:T1", "AppointmentCreate", "L1", "{}", 100L);
        List<InboxEntry> entries = inbox.pending("appointment:T1");
        EventLink link = new EventLink("T1", "alice", "https://c/cal/", "https://c/cal/t1.ics", "uid-t1", "\"e1\"",
                "h1", "HIGHLEVEL", 10L, 0);
        try {
            db.inSharedTransaction(c -> {
                links.apply(c, List.of(LinkChange.save(link)));
                inbox.complete(c, entries, InboxStore.Status.DONE, null, 200L);
                throw new java.sql.SQLException("the database failed before the commit");
            });
        } catch (java.sql.SQLException expected) {
            assertEquals("the database failed before the commit", expected.getMessage());
        }
        assertTrue(links.find("T1", "alice").isEmpty(), "no link without its completion");
        assertEquals(1, inbox.pending("appointment:T1").size(), "the entry is still pending, so the work runs again");

        db.inSharedTransaction(c -> {
            links.apply(c, List.of(LinkChange.save(link), LinkChange.delete("T0", "alice")));
            inbox.complete(c, entries, InboxStore.Status.DONE, null, 200L);
        });
        assertEquals("\"e1\"", links.find("T1", "alice").orElseThrow().etag());
        assertTrue(inbox.pending("appointment:T1").isEmpty());
    }

    @Test
    void migrationsRunOnce() throws Exception {
        try (Database again = reopen()) {
            assertTrue(new InboxStore(again).countByStatus().containsKey(InboxStore.Status.PENDING));
        }
    }

    /** V11: a connection's own choices are kept as written, none made is none, and a change replaces them all. */
    @Test
    void aConnectionsChoicesAreStoredAndReplaced() throws Exception {
        StoredConnectionStore store = new StoredConnectionStore(db, SecretBox.fromBase64(TestSecrets.SECRET_KEY));
        SyncChoices own = new SyncChoices(EventDetails.BUSY, "{summary}", AllDayPolicy.FREE, null,
                HighLevelSlotPolicy.BUSY);
        store.insert(new StoredConnection("chooser", "L1", "U1", "a@example.com", "pw", "", "Work", List.of(), null,
                null, own, false, 1, 1));
        store.insert(new StoredConnection("default", "L1", "U2", "b@example.com", "pw", "", "Work", List.of(), null,
                null, null, false, 1, 1));
        assertEquals(own, store.byName("chooser").orElseThrow().choices());
        assertEquals(SyncChoices.GLOBAL, store.byName("default").orElseThrow().choices());
        StoredConnection c = store.byName("chooser").orElseThrow();
        SyncChoices next = new SyncChoices(null, null, null, DeletionPolicy.PROPAGATE, null);
        assertTrue(store.update(new StoredConnection(c.name(), c.locationId(), c.userId(), c.appleId(),
                c.appPassword(), c.highLevelToken(), c.linkedCalendar(), c.conflictCalendars(), c.timeZone(),
                c.calendarId(), next, c.paused(), c.createdAt(), 2)));
        assertEquals(next, store.byName("chooser").orElseThrow().choices());
        store.delete("chooser");
        store.delete("default");
    }

    /** A second pool on the same database, as a restarted bridge opens it. */
    abstract Database reopen() throws Exception;

    /** A new, empty database beside the contract's (not migrated). */
    abstract DataSource emptyDatabase() throws Exception;

    /**
     * V9: a store made when slots were keyed by full address keeps one slot row per instance, whatever addresses it was
     * seen under; the others lose their instance key, so the next plan of their resource deletes them from HighLevel.
     */
    @Test
    void slotsPostedUnderTwoAddressesAreKeptOnceAfterTheMigration() throws Exception {
        DataSource ds = emptyDatabase();
        new Migrations(ds).migrate(MigrationVersion.fromVersion("8"));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String row : List.of("'http://a:5232/alice/work/e1.ics', 'K1', 'S1'",
                    "'http://b:5232/alice/work/e1.ics', 'K1', 'S2'", "'http://a:5232/alice/work/e1.ics', 'K2', 'S3'",
                    "'http://a:5232/alice/home/e1.ics', 'K1', 'S4'")) {
                st.executeUpdate("INSERT INTO blocked_slot (connection_name, href, instance_key, slot_id, start_at,"
                        + " end_at, title, updated_at) VALUES ('alice', " + row + ", 1, 2, 'Busy', 0)");
            }
        }
        new Migrations(ds).migrate();
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT href_path, instance_key, slot_id FROM blocked_slot"
                        + " ORDER BY slot_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        assertEquals(List.of("/alice/work/e1.ics K1 S1", "/alice/work/e1.ics dup:S2:K1 S2", "/alice/work/e1.ics K2 S3",
                "/alice/home/e1.ics K1 S4"), rows);
        if (ds instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * V10: calendars, resources and links of a store made when they were keyed by full address are found by path
     * under a new address; a calendar or resource stored under two addresses keeps one row.
     */
    @Test
    void calendarsResourcesAndLinksAreFoundByPathAfterTheMigration() throws Exception {
        DataSource ds = emptyDatabase();
        new Migrations(ds).migrate(MigrationVersion.fromVersion("9"));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String host : List.of("http://a:5232", "http://b:5232")) {
                st.executeUpdate("INSERT INTO calendar_state (connection_name, calendar_url, sync_token, sync_supported,"
                        + " last_poll_at) VALUES ('alice', '" + host + "/alice/work/', 'T-" + host.charAt(7) + "', TRUE, 1)");
                st.executeUpdate("INSERT INTO icloud_resource (connection_name, href, calendar_url, etag, status,"
                        + " updated_at) VALUES ('alice', '" + host + "/alice/work/e1.ics', '" + host + "/alice/work/',"
                        + " 'E-" + host.charAt(7) + "', 'IMPORTED', 0)");
            }
            st.executeUpdate("INSERT INTO event_link (hl_id, connection_name, calendar_url, href, uid, origin, updated_at)"
                    + " VALUES ('A1', 'alice', 'http://a:5232/alice/work/', 'http://a:5232/alice/work/a1.ics', 'u',"
                    + " 'HIGHLEVEL', 0)");
        }
        new Migrations(ds).migrate();
        assertEquals(List.of("alice /alice/work/ T-a"), rows(ds, "SELECT connection_name, calendar_path, sync_token"
                + " FROM calendar_state"));
        assertEquals(List.of("/alice/work/e1.ics /alice/work/ E-a"), rows(ds, "SELECT href_path, calendar_path, etag"
                + " FROM icloud_resource"));
        assertEquals(List.of("/alice/work/a1.ics /alice/work/"), rows(ds, "SELECT href_path, calendar_path"
                + " FROM event_link"));
        if (ds instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** A calendar and its resources stored under one address are found under another (V10). */
    @Test
    void aCalendarAndItsResourcesAreFoundUnderAnotherAddress() throws Exception {
        CalendarStateStore calendars = new CalendarStateStore(db);
        ResourceStore resources = new ResourceStore(db);
        calendars.save("erin", "https://p1.example/1/calendars/work/",
                new CalendarStateStore.CalendarState("T1", true, 5L, null), 100L);
        resources.save("erin", new ResourceStore.Resource("https://p1.example/1/calendars/work/e1.ics",
                "https://p1.example/1/calendars/work/", "\"e1\"", ResourceStore.Status.IMPORTED, null, null), 100L);
        String moved = "https://p2.example/1/calendars/work/";
        assertEquals("T1", calendars.get("erin", moved).syncToken());
        assertEquals(List.of(moved + "e1.ics"), List.copyOf(resources.inCalendar("erin", moved).keySet()));
        calendars.save("erin", moved, new CalendarStateStore.CalendarState("T2", true, 5L, null), 200L);
        assertEquals(Map.of(moved, 200L), calendars.lastPolls("erin")); // one calendar, under the address last seen
        resources.delete("erin", moved + "e1.ics");
        assertTrue(resources.inCalendar("erin", "https://p1.example/1/calendars/work/").isEmpty());
    }

    private static List<String> rows(DataSource ds, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    cells.add(rs.getString(i));
                }
                rows.add(String.join(" ", cells));
            }
        }
        return rows;
    }
}
