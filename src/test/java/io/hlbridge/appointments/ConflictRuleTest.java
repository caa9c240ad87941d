package io.hlbridge.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import io.hlbridge.appointments.ConflictRule.Winner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The conflict rule: the newer change wins by each side's own clock; ties and unknown times go to HighLevel. */
class ConflictRuleTest {

    @ParameterizedTest(name = "HighLevel {0}, iCloud {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            2026-12-01T10:00:00Z | 2026-12-01T11:00:00Z | ICLOUD
            2026-12-01T12:00:00Z | 2026-12-01T11:00:00Z | HIGHLEVEL
            2026-12-01T11:00:00Z | 2026-12-01T11:00:00Z | HIGHLEVEL
            -                    | 2026-12-01T11:00:00Z | HIGHLEVEL
            2026-12-01T11:00:00Z | -                    | HIGHLEVEL
            """)
    void decides(Instant highLevel, Instant iCloud, Winner expected) {
        assertEquals(expected, ConflictRule.decide(highLevel, iCloud));
    }
}
