package io.hlbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The benchmarks of {@code bench/} at a tiny scale, so a change that breaks one is seen in CI and not on the day
 * someone measures. Only what they count is checked (every webhook stored, every appointment written, every slot
 * made); their timings are printed, never asserted.
 */
class BenchSmokeTest {

    @Test
    void intakeStoresEveryWebhookOfBothLoads() throws Exception {
        Table t = IntakeBench.intake(100, 8);
        assertEquals(2, t.size());
        assertEquals("100", t.cell(0, "answered 200 (stored)"), "back to back");
        assertEquals("100", t.cell(1, "answered 200 (stored)"), "paced");
    }

    @Test
    void endToEndTimesRawAndBridgedWritesIntoRadicale() throws Exception {
        // returns only once the bridge has written every appointment of the round into Radicale
        Table t = EndToEndBench.endToEnd(40, 1, 40, 4);
        assertEquals(2, t.size(), "one round and the total");
        assertEquals("40", t.cell(1, "appointments (after untimed)"));
    }

    @Test
    void cpuPerAppointmentIsCountedOnTheBridgesThreads() throws Exception {
        Table t = CpuBench.cpuPerAppointment(50, 1, 50);
        assertTrue(Double.parseDouble(t.cell(1, "CPU per appointment ms")) > 0, "the bridge's threads used CPU");
    }

    @Test
    void connectionsCreatedThroughTheAdminApiAreAllPolled() throws Exception {
        java.util.List<Table> t = OperationsBench.storedConnections(30, 2);
        assertEquals("0", t.get(0).cell(0, "refused"));
        assertTrue(Long.parseLong(t.get(0).cell(0, "polls in the round")) >= 30, "a whole round");
        assertEquals("0", t.get(0).cell(0, "failed polls"));
        assertEquals(8, t.get(1).size(), "three views on each of the two bridges, and the connect page's two");
    }

    @Test
    void webhookLatencyCountsEveryTimedWrite() throws Exception {
        Table t = OperationsBench.webhookLatency(20, 2);
        assertEquals("40", t.cell(0, "events written"));
        assertEquals("0", t.cell(0, "429 answers"));
    }

    @Test
    void firstImportMakesOneBlockedSlotPerBusyInstance() throws Exception {
        Table t = PollBench.firstImport(12);
        assertEquals("12", t.cell(0, "blocked slots made"));
        assertEquals("0", t.cell(0, "429 answers"));
    }

    @Test
    void everySlotMadeInHighLevelReachesICloud() throws Exception {
        Table t = SlotCopiesBench.slotCopies(5, 4, 2, 1);
        assertEquals(t.cell(0, "slots made"), t.cell(0, "reached iCloud"));
        assertTrue(Long.parseLong(t.cell(0, "blocked-slots GETs")) > 0, "the slots were read");
        assertEquals("0", t.cell(0, "429 answers"));
    }
}
