package io.hlbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(distinct, inbox.countByStatus().get(InboxStore.Status.PENDING));
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
        assertEquals(1, links.byHref("https://c/cal/a1.ics").size());

        BlockedSlotStore slots = new BlockedSlotStore(db);
        slots.save(new BlockedSlotStore.Slot("alice", "https://c/p/x.ics", "k1", null, 1_000L, 2_000L, "Busy"));
        slots.save(new BlockedSlotStore.Slot("alice", "https://c/p/x.ics", "k1", "S1", 3_000L, 4_000L, "Busy"));
        List<BlockedSlotStore.Slot> saved = slots.forResource("alice", "https://c/p/x.ics");
        assertEquals(1, saved.size());
        assertEquals("S1", saved.get(0).slotId());
        assertEquals(3_000L, saved.get(0).start());
        assertTrue(slots.isOurs("S1"));

        CalendarStateStore states = new CalendarStateStore(db);
        states.save("alice", "https://c/p/", new CalendarStateStore.CalendarState("t1", true, null), 1L);
        states.save("alice", "https://c/p/", new CalendarStateStore.CalendarState("t2", true, 99L), 2L);
        assertEquals(new CalendarStateStore.CalendarState("t2", true, 99L), states.get("alice", "https://c/p/"));

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
    void migrationsRunOnce() throws Exception {
        try (Database again = reopen()) {
            assertTrue(new InboxStore(again).countByStatus().containsKey(InboxStore.Status.PENDING));
        }
    }

    /** A second pool on the same database, as a restarted bridge opens it. */
    abstract Database reopen() throws Exception;
}
