package io.hlbridge.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hlbridge.nodes.Node;
import io.hlbridge.nodes.WorkClaims;
import io.hlbridge.store.Database;
import io.hlbridge.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link WorkLocks}, row by row: one worker at a time per work key, in this process and (through the store's claims)
 * across nodes, and the sweeper's memory of what it queued.
 */
class WorkLocksTest {
    Database db;
    WorkLocks here;
    WorkLocks otherNode;

    @BeforeEach
    void open() {
        db = new Database(new StoreSettings("jdbc:h2:mem:locks" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", null,
                null, 4));
        here = new WorkLocks(new WorkClaims(db, new Node("node-a", 60_000, true)));
        otherNode = new WorkLocks(new WorkClaims(db, new Node("node-b", 60_000, true)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aKeyHasOneWorkerUntilItIsUnlocked() {
        assertTrue(here.tryLock("appointment:1"));
        assertTrue(here.isLocked("appointment:1"));
        assertFalse(here.tryLock("appointment:1"), "a second worker of this process");
        assertFalse(otherNode.tryLock("appointment:1"), "a worker of another node");
        assertTrue(here.tryLock("appointment:2"), "another key is free");
        here.unlock("appointment:1");
        assertFalse(here.isLocked("appointment:1"));
        assertTrue(otherNode.tryLock("appointment:1"), "free again, for any node");
    }

    @Test
    void aKeyTheStoreCannotClaimIsNotTakenAndNotLeftHeld() {
        db.close(); // the store does not answer
        assertFalse(here.tryLock("appointment:1"));
        assertFalse(here.isLocked("appointment:1"), "not left in flight: tried again later");
    }

    @ParameterizedTest(name = "queued again after {0} ms -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0     | false
            59999 | false
            60000 | true
            90000 | true
            """)
    void theSweeperQueuesAKeyAgainOnlyOnceItsMessageMayHaveBeenLost(long after, boolean queuedAgain) {
        assertTrue(here.markQueued("appointment:1", 1_000), "queued the first time");
        assertEquals(queuedAgain, here.markQueued("appointment:1", 1_000 + after));
    }

    @Test
    void takingAKeyForgetsThatItWasQueued() {
        assertTrue(here.markQueued("appointment:1", 1_000));
        assertTrue(here.tryLock("appointment:1"));
        here.unlock("appointment:1");
        assertTrue(here.markQueued("appointment:1", 2_000), "a worker took it: it may be queued again at once");
    }
}
