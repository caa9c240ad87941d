package io.hlbridge.busytime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import io.hlbridge.busytime.OwnEventEditDecision.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link OwnEventEditDecision}: what an iCloud edit of an event the bridge wrote does, row by row. */
class OwnEventEditDecisionTest {

    @ParameterizedTest(name = "same text={0} readable={1} exists={2} same times={3} changed in HighLevel={4} -> {7}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            true  | true  | true  | false | false | -                    | -                    | RECORD
            false | false | true  | false | false | -                    | -                    | UNREADABLE
            false | true  | false | false | false | -                    | -                    | NONE
            false | true  | true  | true  | true  | 2026-12-01T12:00:00Z | 2026-12-01T11:00:00Z | RECORD
            false | true  | true  | false | true  | 2026-12-01T12:00:00Z | 2026-12-01T11:00:00Z | KEEP_HIGHLEVEL
            false | true  | true  | false | true  | 2026-12-01T11:00:00Z | 2026-12-01T11:00:00Z | KEEP_HIGHLEVEL
            false | true  | true  | false | true  | 2026-12-01T10:00:00Z | 2026-12-01T11:00:00Z | MOVE
            false | true  | true  | false | false | 2026-12-01T12:00:00Z | 2026-12-01T11:00:00Z | MOVE
            """)
    void decides(boolean sameText, boolean readable, boolean exists, boolean sameTimes, boolean changed,
            Instant highLevel, Instant iCloud, Action expected) {
        assertEquals(expected, OwnEventEditDecision.decide(sameText, readable, exists, sameTimes, changed, highLevel,
                iCloud));
    }
}
