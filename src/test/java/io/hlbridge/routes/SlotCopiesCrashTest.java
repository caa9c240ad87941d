package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.SubprocessBridge;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * A bridge process killed with SIGKILL while it copies 150 HighLevel blocked slots into iCloud, then started again on
 * the same store: every slot ends up as exactly one busy event, none lost, none twice.
 */
class SlotCopiesCrashTest {
    private static final Pattern SLOT = Pattern.compile("X-HL-BLOCKED-SLOT-ID:([^\\r\\n]+)");

    @Test
    void aKillMidRoundLosesAndDuplicatesNoSlot() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox()) {
            URI work = server.mkcalendar(CalDavServer.USER, "work", "Work");
            sandbox.addLocation("L1", "UTC", TestSecrets.HIGHLEVEL_TOKEN);
            Set<String> made = new HashSet<>();
            Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);
            for (int i = 0; i < 150; i++) {
                Instant s = base.plus(i, ChronoUnit.HOURS);
                made.add(sandbox.blockTime("L1", "U1", "Held " + i, s, s.plus(30, ChronoUnit.MINUTES)));
            }
            Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                    Files.createTempDirectory("bridge-slot-crash-"));
            p.put("sync.highlevel-blocked-slots", "busy");
            p.put("sync.blocked-slots-interval", "1s");
            p.put("sync.poll-interval", "1s");
            SubprocessBridge first = new SubprocessBridge(p).start();
            try {
                Await.until(Duration.ofSeconds(60), () -> copies(server, work).size(), n -> n >= 20,
                        "the round under way");
            } finally {
                first.kill(); // SIGKILL: no shutdown, the round cut wherever it was
            }
            int atKill = copies(server, work).values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(atKill < 150, "killed mid-round: " + atKill + " of 150 copied");
            try (SubprocessBridge second = new SubprocessBridge(p).start()) {
                Await.until(Duration.ofSeconds(60), () -> copies(server, work).keySet(), ids -> ids.equals(made),
                        "every slot copied after the restart");
                long reads = sandbox.requests().stream().filter(r -> r.endsWith("/calendars/blocked-slots")).count();
                Await.until(Duration.ofSeconds(30), () -> sandbox.requests().stream()
                        .filter(r -> r.endsWith("/calendars/blocked-slots")).count(), n -> n >= reads + 2,
                        "two more reads");
            }
            Map<String, Integer> counts = copies(server, work);
            assertEquals(made, counts.keySet());
            counts.forEach((id, n) -> assertEquals(1, n, "slot " + id + " once"));
            sandbox.assertOnlyValidRequests();
        }
    }

    /** slot id → how many events of the calendar carry it. */
    private static Map<String, Integer> copies(CalDavServer server, URI calendar) throws Exception {
        Matcher m = SLOT.matcher(server.calendarData(CalDavServer.USER, calendar));
        Map<String, Integer> counts = new HashMap<>();
        while (m.find()) {
            counts.merge(m.group(1).strip(), 1, Integer::sum);
        }
        return counts;
    }
}
