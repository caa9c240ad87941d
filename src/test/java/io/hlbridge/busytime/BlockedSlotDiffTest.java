package io.hlbridge.busytime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.hlbridge.config.DeletionPolicy;
import io.hlbridge.ical.BusyInstance;
import io.hlbridge.store.BlockedSlotStore.Slot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link BlockedSlotDiff}, one occurrence per row: what is busy now (start/end in hours after the window start, or
 * nothing), what was recorded for it, and the write that follows.
 */
class BlockedSlotDiffTest {
    static final Instant W0 = Instant.parse("2026-12-01T00:00:00Z");
    static final long HOUR = 3_600_000;

    /** "s/e" in hours from the window start (negative: before it); "-" for none. */
    private static long[] times(String text) {
        String[] p = text.split("/");
        return new long[] {W0.toEpochMilli() + Long.parseLong(p[0]) * HOUR, W0.toEpochMilli() + Long.parseLong(p[1]) * HOUR};
    }

    @ParameterizedTest(name = "busy {0} \"{1}\", recorded {2} id={3} \"{4}\", new store={5} -> {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            1/2 | Busy  | -     | -   | -     | false | CREATE
            1/2 | Busy  | -     | -   | -     | true  | RECOVER
            1/2 | Busy  | 1/2   | -   | Busy  | false | RECOVER
            1/2 | Busy  | 1/2   | S1  | Busy  | false | -
            1/3 | Busy  | 1/2   | S1  | Busy  | false | UPDATE
            1/2 | Lunch | 1/2   | S1  | Busy  | false | UPDATE
            -   | -     | 1/2   | S1  | Busy  | false | DELETE
            -   | -     | -2/-1 | S1  | Busy  | false | FORGET
            -   | -     | 1/2   | -   | Busy  | false | FORGET
            -   | -     | -2/1  | S1  | Busy  | false | DELETE
            """)
    void anOccurrence(String busy, String summary, String recorded, String slotId, String title, boolean newStore,
            String expected) {
        List<BusyInstance> now = new ArrayList<>();
        if (busy != null) {
            long[] t = times(busy);
            now.add(new BusyInstance("K", Instant.ofEpochMilli(t[0]), Instant.ofEpochMilli(t[1]), summary));
        }
        List<Slot> before = new ArrayList<>();
        if (recorded != null) {
            long[] t = times(recorded);
            before.add(new Slot("alice", "/cal/e.ics", "K", slotId, t[0], t[1], title));
        }
        List<SlotWrite> writes = BlockedSlotDiff.forResource("alice", "/cal/e.ics", now, before, "{summary}",
                W0.toEpochMilli(), newStore);
        assertEquals(expected == null ? List.of() : List.of(expected), writes.stream().map(w -> w.action().name())
                .toList());
        if (busy != null && expected != null) {
            assertEquals(summary, writes.get(0).slot().title());
            assertEquals(slotId, writes.get(0).slot().slotId(), "an update keeps the slot");
        }
    }

    @ParameterizedTest(name = "deleted in iCloud, {0}, recorded {1} id={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            IGNORE    | 1/2   | S1 | FORGET
            PROPAGATE | 1/2   | S1 | DELETE
            PROPAGATE | -2/-1 | S1 | FORGET
            PROPAGATE | 1/2   | -  | FORGET
            """)
    void aDeletedResource(DeletionPolicy policy, String recorded, String slotId, String expected) {
        long[] t = times(recorded);
        assertEquals(List.of(expected), BlockedSlotDiff.forDeletedResource(List.of(new Slot("alice", "/cal/e.ics", "K",
                slotId, t[0], t[1], "Busy")), policy, W0.toEpochMilli()).stream().map(w -> w.action().name()).toList());
    }

    @ParameterizedTest(name = "template \"{0}\", summary \"{1}\" -> \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Busy             | Dentist | Busy
            {summary}        | Dentist | Dentist
            {summary}        | ''      | Busy
            Busy: {summary}  | Dentist | Busy: Dentist
            """)
    void theTitle(String template, String summary, String expected) {
        assertEquals(expected, BlockedSlotDiff.title(template, summary));
    }
}
