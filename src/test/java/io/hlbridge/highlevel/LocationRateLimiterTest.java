package io.hlbridge.highlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LocationRateLimiterTest {

    @Test
    void neverMoreThanMaxStartsWithinAnyWindowOfOneLocation() throws Exception {
        LocationRateLimiter limiter = new LocationRateLimiter(5, 300);
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 18; i++) {
            pool.submit(() -> {
                long ticket = limiter.acquire("L1");
                starts.add(System.currentTimeMillis());
                limiter.release("L1", ticket, 100); // HighLevel's count is not what limits here
                return null;
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        List<Long> sorted = new ArrayList<>(starts);
        Collections.sort(sorted);
        assertEquals(18, sorted.size());
        for (int i = 5; i < sorted.size(); i++) {
            assertTrue(sorted.get(i) - sorted.get(i - 5) >= 300, "6 starts within one window at " + i + ": " + sorted);
        }
    }

    @Test
    void locationsDoNotShareALimit() throws Exception {
        LocationRateLimiter limiter = new LocationRateLimiter(1, 60_000);
        limiter.release("L1", limiter.acquire("L1"), null);
        long t = System.nanoTime();
        limiter.acquire("L2");
        assertTrue(System.nanoTime() - t < 1_000_000_000L, "L2 is not held back by L1");
    }

    /** A restarted bridge does not know what the process before it spent; HighLevel's answer tells it. */
    @Test
    void aNewLocationSendsOneRequestUntilHighLevelSaysHowManyRemain() throws Exception {
        LocationRateLimiter limiter = new LocationRateLimiter(100, 10_000);
        long probe = limiter.acquire("L1");
        Thread second = new Thread(() -> {
            try {
                limiter.acquire("L1");
            } catch (InterruptedException | HighLevelApiException.Paused e) {
                Thread.currentThread().interrupt();
            }
        });
        second.start();
        second.join(300);
        assertTrue(second.isAlive(), "a second request waits for the first answer");
        limiter.release("L1", probe, 3);
        second.join(2_000);
        assertTrue(!second.isAlive(), "the answer allowed more");
        long third = limiter.acquire("L1");
        limiter.acquire("L1"); // three in flight: what X-RateLimit-Remaining: 3 allowed
        Thread fourth = new Thread(() -> {
            try {
                limiter.acquire("L1");
            } catch (InterruptedException | HighLevelApiException.Paused e) {
                Thread.currentThread().interrupt();
            }
        });
        fourth.start();
        fourth.join(300);
        assertTrue(fourth.isAlive(), "a fourth waits: HighLevel said three remain");
        limiter.release("L1", third, 50);
        fourth.join(2_000);
        assertTrue(!fourth.isAlive());
    }

    @Test
    void remainingZeroPausesTheLocation() throws Exception {
        LocationRateLimiter limiter = new LocationRateLimiter(100, 200);
        limiter.release("L1", limiter.acquire("L1"), 0);
        long t = System.currentTimeMillis();
        limiter.acquire("L1");
        assertTrue(System.currentTimeMillis() - t >= 150, "waited for the window after X-RateLimit-Remaining: 0");
    }

    @Test
    void remainingZeroPausesOnlyUntilTheOldestAnswerLeavesTheWindow() throws Exception {
        LocationRateLimiter limiter = new LocationRateLimiter(100, 1_000);
        limiter.release("L1", limiter.acquire("L1"), 1);
        long first = System.currentTimeMillis();
        Thread.sleep(600);
        limiter.release("L1", limiter.acquire("L1"), 0);
        limiter.acquire("L1");
        long resumed = System.currentTimeMillis() - first;
        assertTrue(resumed >= 950, "not before the first answer is a window old: " + resumed + " ms");
        assertTrue(resumed < 1_500, "not a whole window after the answer that said 0: " + resumed + " ms");
    }

    /** An answer overtaken by the answer to a later request carries an older count: it must not widen the budget. */
    @Test
    void anAnswerToAnOlderRequestDoesNotWidenTheBudget() throws Exception {
        LocationRateLimiter limiter = new LocationRateLimiter(100, 10_000);
        limiter.release("L1", limiter.acquire("L1"), 3);
        long older = limiter.acquire("L1");
        long newer = limiter.acquire("L1");
        limiter.release("L1", newer, 2); // two remain, unless HighLevel has yet to count `older`
        limiter.release("L1", older, 3); // late, and counted before `newer` was: stale
        limiter.acquire("L1"); // the one that surely remains
        assertWaits(limiter, "nothing surely remains after the request the newest answer allowed");
    }

    /**
     * Two requests on their way at once reach HighLevel in either order, whatever order their answers come in: the
     * later-sent one's count may leave out the earlier one even when the earlier one was answered first (CI once saw
     * the one 429 this let through).
     */
    @Test
    void anAnswerDoesNotVouchForRequestsThatWereOnTheirWayWithIt() throws Exception {
        LocationRateLimiter limiter = new LocationRateLimiter(100, 10_000);
        limiter.release("L1", limiter.acquire("L1"), 2);
        long earlier = limiter.acquire("L1");
        long later = limiter.acquire("L1");
        limiter.release("L1", earlier, 1); // HighLevel counted `later` first: one remains after both
        limiter.release("L1", later, 1); // counted before `earlier` reached HighLevel: says nothing about it
        assertWaits(limiter, "`earlier` may not be in the count that said one remains");
    }

    private static void assertWaits(LocationRateLimiter limiter, String why) throws InterruptedException {
        Thread next = new Thread(() -> {
            try {
                limiter.acquire("L1");
            } catch (InterruptedException | HighLevelApiException.Paused e) {
                Thread.currentThread().interrupt();
            }
        });
        next.setDaemon(true);
        next.start();
        next.join(300);
        assertTrue(next.isAlive(), why);
    }

    /** A calendar with a thousand slots to post shares its location with the others: they take turns. */
    @Test
    void partiesWaitingForOneLocationAreServedInTurn() throws Exception {
        LocationRateLimiter limiter = new LocationRateLimiter(1, 200);
        limiter.release("L1", limiter.acquire("L1", "busy"), 100); // the budget is spent for 200 ms
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(9);
        for (int i = 0; i < 8; i++) { // eight requests of one party queue first
            pool.submit(() -> take(limiter, "busy", order));
        }
        Thread.sleep(100);
        pool.submit(() -> take(limiter, "quiet", order));
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(9, order.size());
        assertTrue(order.indexOf("quiet") <= 1, "the quiet party waited for its turn only, not for the queue: " + order);
    }

    private static Void take(LocationRateLimiter limiter, String party, List<String> order) throws Exception {
        long ticket = limiter.acquire("L1", party);
        order.add(party);
        limiter.release("L1", ticket, 100);
        return null;
    }

    @Test
    void aPauseLongerThanTheLongestWaitIsReportedNotWaitedFor() throws Exception {
        LocationRateLimiter limiter = new LocationRateLimiter(100, 10_000);
        limiter.pause("L1", 60_000);
        long t = System.currentTimeMillis();
        HighLevelApiException.Paused e = assertThrows(HighLevelApiException.Paused.class, () -> limiter.acquire("L1"));
        assertTrue(System.currentTimeMillis() - t < 1_000, "reported at once");
        assertTrue(e.getMessage().contains("wait until"), e.getMessage());
        limiter.acquire("L2"); // another location is not paused
    }
}
