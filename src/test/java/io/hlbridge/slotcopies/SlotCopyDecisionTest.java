package io.hlbridge.slotcopies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SlotCopyDecision}'s table, row by row (columns in the table's order). */
class SlotCopyDecisionTest {

    @ParameterizedTest(name = "listed={0} kept={1} past={2} inLinked={3} same={4} asWritten={5} -> {6}")
    @CsvSource({
        "false, false, false, false, false, false, NONE",
        "false, true,  true,  true,  false, true,  FORGET",
        "false, true,  false, true,  false, true,  DELETE",
        "false, true,  false, false, false, false, DELETE",
        "true,  false, false, false, false, false, CREATE",
        "true,  true,  false, false, true,  true,  MOVE",
        "true,  true,  false, true,  false, true,  UPDATE",
        "true,  true,  false, true,  false, false, UPDATE",
        "true,  true,  false, true,  true,  false, RESTORE",
        "true,  true,  false, true,  true,  true,  KEEP",
    })
    void decides(boolean listed, boolean kept, boolean past, boolean inLinked, boolean same, boolean asWritten,
            SlotCopyDecision.Action expected) {
        assertEquals(expected, SlotCopyDecision.decide(listed, kept, past, inLinked, same, asWritten));
    }
}
