package io.hlbridge.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.hlbridge.store.Database;
import io.hlbridge.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The claims two or three nodes make on one store, row by row (the nodes share an in-memory H2 database here). */
class NodeClaimsTest {
    static final long LEASE = 300;
    Database db;
    final Node a = new Node("node-a", LEASE, true);
    final Node b = new Node("node-b", LEASE, true);

    @BeforeEach
    void open() {
        db = new Database(new StoreSettings("jdbc:h2:mem:claims" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", null,
                null, 8));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anAppointmentIsWorkedByOneNodeUntilItIsReleasedOrItsLeaseRunsOut() throws Exception {
        WorkClaims onA = new WorkClaims(db, a);
        WorkClaims onB = new WorkClaims(db, b);
        assertTrue(onA.claim("appointment:1"));
        assertFalse(onB.claim("appointment:1"), "held by node-a");
        assertTrue(onB.claim("appointment:2"), "another appointment is free");
        onA.release("appointment:1");
        assertTrue(onB.claim("appointment:1"), "released by node-a");
        assertTrue(onA.claim("appointment:3"));
        Thread.sleep(LEASE + 50); // node-a died: nothing renews its lease
        assertTrue(onB.claim("appointment:3"), "a dead node's claim returns after its lease");
        assertFalse(onA.claim("appointment:3"), "and the node that lost it cannot take it back while node-b holds it");
    }

    @Test
    void anAppleIdIsPolledByOneNodeOncePerInterval() throws Exception {
        long interval = 600;
        PollClaims onA = new PollClaims(db, a, interval);
        PollClaims onB = new PollClaims(db, b, interval);
        assertTrue(onA.claim("alice@example.com"));
        assertFalse(onB.claim("alice@example.com"), "being polled by node-a");
        onA.release("alice@example.com");
        assertFalse(onB.claim("alice@example.com"), "polled in this interval");
        assertFalse(onA.claim("alice@example.com"), "by node-a too");
        Thread.sleep(interval);
        assertTrue(onB.claim("alice@example.com"), "due again, on whichever node asks first");
        Thread.sleep(interval); // node-b died mid-poll: its lease ran out and the interval passed
        assertTrue(onA.claim("alice@example.com"));
    }

    @Test
    void threeNodesTogetherNeverStartMoreRequestsInAWindowThanTheBudget() throws Exception {
        int max = 5;
        long window = 400;
        List<SharedRateBudget> nodes = List.of(new SharedRateBudget(db, max, window, 1_000),
                new SharedRateBudget(db, max, window, 1_000), new SharedRateBudget(db, max, window, 1_000));
        List<long[]> requests = Collections.synchronizedList(new ArrayList<>()); // {taken, answered}
        ExecutorService workers = Executors.newFixedThreadPool(9);
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < 9; w++) {
            SharedRateBudget budget = nodes.get(w % 3);
            fs.add(workers.submit(() -> {
                for (int i = 0; i < 4; i++) {
                    String slot = budget.take("L1");
                    long taken = System.currentTimeMillis();
                    Thread.sleep(5); // the request on its way
                    long answered = System.currentTimeMillis();
                    budget.settle("L1", slot);
                    requests.add(new long[] {taken, answered});
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        workers.shutdown();
        assertEquals(36, requests.size());
        // HighLevel counts a request at some moment between its start and its answer, for one window: at no moment
        // may more than the budget be between their start and a window after their answer
        List<long[]> edges = new ArrayList<>(); // {time, +1 start / -1 end}
        for (long[] r : requests) {
            edges.add(new long[] {r[0], 1});
            edges.add(new long[] {r[1] + window, -1});
        }
        edges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        int counting = 0;
        int most = 0;
        for (long[] e : edges) {
            counting += (int) e[1];
            most = Math.max(most, counting);
        }
        assertEquals(max, most, "requests that HighLevel may count at once (the budget used, never more)");
    }
}
