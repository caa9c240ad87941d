package io.hlbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SyncChoicesTest {
    private static final SyncChoices GLOBAL = new SyncChoices(EventDetails.FULL, "Busy", AllDayPolicy.RESPECT_TRANSP,
            DeletionPolicy.IGNORE, HighLevelSlotPolicy.IGNORE);

    @Test
    void aChoiceNotMadeIsTheGlobalKeys() {
        assertEquals(GLOBAL, SyncChoices.GLOBAL.over(GLOBAL));
        assertEquals(new SyncChoices(EventDetails.BUSY, "Busy", AllDayPolicy.FREE, DeletionPolicy.IGNORE,
                HighLevelSlotPolicy.BUSY),
                new SyncChoices(EventDetails.BUSY, " ", AllDayPolicy.FREE, null, HighLevelSlotPolicy.BUSY)
                        .over(GLOBAL));
    }

    @Test
    void writtenAndReadAsTheConfigurationSpellsThem() {
        SyncChoices c = new SyncChoices(null, "{summary}", AllDayPolicy.RESPECT_TRANSP, DeletionPolicy.PROPAGATE,
                null);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("event-details", null);
        expected.put("blocked-slot-title", "{summary}");
        expected.put("all-day", "respect-transp");
        expected.put("icloud-deletions", "propagate");
        expected.put("highlevel-blocked-slots", null);
        assertEquals(expected, c.written());
        assertEquals(c, SyncChoices.parse("", "{summary}", "respect-transp", "PROPAGATE", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyncChoices.parse("full", null, "sometimes", null, null));
        assertTrue(e.getMessage().startsWith("all-day: 'sometimes' is not one of respect-transp, busy, free"),
                e.getMessage());
    }
}
