package io.hlbridge.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import io.hlbridge.appointments.PreconditionFailedDecision.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PreconditionFailedDecision} after a 412, row by row (times: HighLevel's dateUpdated, iCloud's LAST-MODIFIED). */
class PreconditionFailedDecisionTest {

    @ParameterizedTest(name = "exists={0} ours={1} linked={2} HighLevel={3} iCloud={4} -> {5} (conflict {6})")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            false | false | true  | -                    | -                    | CREATE      | false
            true  | true  | true  | 2026-12-01T10:00:00Z | 2026-12-01T11:00:00Z | ADOPT       | false
            true  | true  | false | -                    | -                    | ADOPT       | false
            true  | false | false | -                    | -                    | OVERWRITE   | false
            true  | false | true  | 2026-12-01T12:00:00Z | 2026-12-01T11:00:00Z | OVERWRITE   | true
            true  | false | true  | 2026-12-01T11:00:00Z | 2026-12-01T11:00:00Z | OVERWRITE   | true
            true  | false | true  | 2026-12-01T10:00:00Z | 2026-12-01T11:00:00Z | KEEP_ICLOUD | true
            true  | false | true  | -                    | 2026-12-01T11:00:00Z | OVERWRITE   | true
            true  | false | true  | 2026-12-01T10:00:00Z | -                    | OVERWRITE   | true
            """)
    void decides(boolean exists, boolean ours, boolean linked, Instant highLevel, Instant iCloud, Action expected,
            boolean conflict) {
        assertEquals(expected, PreconditionFailedDecision.decide(exists, ours, linked, highLevel, iCloud));
        assertEquals(conflict, PreconditionFailedDecision.isConflict(exists, ours, linked));
    }
}
