package io.hlbridge.busytime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.hlbridge.connections.Connection;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.BlockedSlotStore.Slot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link GuardBulkDeletions}, row by row: when a poll's deletions are held back, and what is held with them. */
class GuardBulkDeletionsTest {
    static final Connection ALICE = new Connection("alice", "L1", "U1", "token", "alice@example.com", "app-password",
            "Work", List.of(), null, null);

    static Slot slot(String href) {
        return new Slot("alice", href, href + "#0", "slot-" + href, 0, 1, "Busy");
    }

    @ParameterizedTest(name = "{0} deletions, {1} forgotten, {2} created, limit {3} -> held {4}")
    @CsvSource(delimiter = '|', textBlock = """
            0  | 0 | 3 | 0  | false
            5  | 2 | 1 | 5  | false
            6  | 2 | 1 | 5  | true
            1  | 0 | 0 | 0  | true
            50 | 9 | 4 | 20 | true
            """)
    void deletionsOverTheLimitAreHeldWithTheirResourcesAndTheToken(int deletes, int forgotten, int creates, int limit,
            boolean held) {
        CalendarPoll poll = new CalendarPoll(ALICE, URI.create("http://dav/alice/work/"), Instant.EPOCH,
                Instant.EPOCH.plusSeconds(86_400));
        List<String> deletedHrefs = new ArrayList<>();
        for (int i = 0; i < deletes; i++) {
            String href = "/d" + i + ".ics";
            poll.deleted().add(href);
            deletedHrefs.add(href);
            poll.forgottenResources().add(href);
            poll.writes().add(new SlotWrite(SlotWrite.Action.DELETE, slot(href)));
        }
        for (int i = 0; i < forgotten; i++) { // under sync.icloud-deletions=ignore: our record goes, the slot stays
            String href = "/f" + i + ".ics";
            poll.deleted().add(href);
            poll.forgottenResources().add(href);
            poll.writes().add(new SlotWrite(SlotWrite.Action.FORGET, slot(href)));
        }
        for (int i = 0; i < creates; i++) {
            poll.writes().add(new SlotWrite(SlotWrite.Action.CREATE, slot("/c" + i + ".ics")));
        }
        BridgeMetrics metrics = new BridgeMetrics(new SimpleMeterRegistry());

        assertEquals(held, new GuardBulkDeletions(limit, metrics).hold(poll));

        long deletesLeft = poll.writes().stream().filter(w -> w.action() == SlotWrite.Action.DELETE).count();
        long forgetsLeft = poll.writes().stream().filter(w -> w.action() == SlotWrite.Action.FORGET).count();
        long createsLeft = poll.writes().stream().filter(w -> w.action() == SlotWrite.Action.CREATE).count();
        assertEquals(held ? 0 : deletes, deletesLeft, "deletions left in the plan");
        assertEquals(held ? 0 : forgotten, forgetsLeft, "deleted resources forgotten");
        assertEquals(creates, createsLeft, "the poll's other writes go on");
        assertEquals(held ? 0 : deletes + forgotten, poll.forgottenResources().size(), "resources kept for next time");
        assertEquals(held, poll.holdToken(), "the sync token is kept, so the deletions are planned again");
        assertEquals(held ? 1 : 0, metrics.count(BridgeMetrics.DELETIONS_REFUSED), "counted");
    }
}
