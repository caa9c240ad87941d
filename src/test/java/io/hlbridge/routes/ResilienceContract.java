package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.AdminClient;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.SubprocessBridge;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing accepted is lost and nothing is written twice: a CalDAV outage during a burst, and a bridge killed
 * with SIGKILL mid-burst. Each test gets its own server, sandbox and database.
 */
abstract class ResilienceContract {
    static final int BURST = 120;

    CalDavServer server;
    HighLevelSandbox sandbox;
    URI work;

    abstract CalDavServer newServer();

    @BeforeEach
    void start() throws Exception {
        server = newServer().start();
        work = server.mkcalendar(CalDavServer.USER, "work", "Work");
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addCalendar("RR1", "L1", "round_robin");
    }

    @AfterEach
    void stop() throws Exception {
        sandbox.assertOnlyValidRequests();
        sandbox.close();
        server.close();
    }

    /** Books BURST appointments without webhooks, then delivers their webhooks from 4 threads. */
    List<HighLevelSandbox.SignedWebhook> appointments() throws Exception {
        List<HighLevelSandbox.SignedWebhook> hooks = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String day = String.format("2026-12-%02d", 1 + i % 28);
            ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                    "startTime", day + "T" + String.format("%02d", 8 + i % 10) + ":00:00Z",
                    "endTime", day + "T" + String.format("%02d", 8 + i % 10) + ":30:00Z", "title", "Burst " + i,
                    "users", List.of()), false);
            hooks.add(sandbox.webhook("AppointmentCreate", a));
        }
        return hooks;
    }

    /** Delivers the webhooks; returns the ids of the appointments whose webhook was answered 200. */
    List<String> deliver(List<HighLevelSandbox.SignedWebhook> hooks, Runnable midway) throws Exception {
        List<String> acked = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (HighLevelSandbox.SignedWebhook w : hooks) {
            fs.add(pool.submit(() -> {
                if (sent.incrementAndGet() == hooks.size() / 2) {
                    midway.run();
                }
                try {
                    if (sandbox.deliver(w) == 200) {
                        acked.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.body())
                                .path("appointment").path("id").asText());
                    }
                } catch (Exception e) {
                    // connection refused or reset: the sender saw no 200
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return acked;
    }

    /** appointment id → number of resources holding it. */
    Map<String, Integer> eventCounts() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String ics : server.events(work).values()) {
            int i = ics.indexOf("X-HL-APPOINTMENT-ID:");
            String id = ics.substring(i + 20, ics.indexOf('\r', i) > 0 ? ics.indexOf('\r', i) : ics.indexOf('\n', i)).strip();
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aCalDavOutageDuringABurstLosesAndDuplicatesNothing() throws Exception {
        Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                Files.createTempDirectory("bridge-outage-"));
        try (BridgeHarness bridge = BridgeHarness.start(p)) {
            sandbox.setWebhookTarget(bridge.webhookUrl());
            List<HighLevelSandbox.SignedWebhook> hooks = appointments();
            server.stop();
            long down = System.nanoTime();
            List<String> acked = deliver(hooks, () -> { });
            assertEquals(BURST, acked.size(), "every webhook is accepted while CalDAV is down");
            // down for four times the longest backoff here (bridge.retry.max-delay=3s): every write fails, is
            // retried and fails again, several times over, before the server comes back
            Thread.sleep(Math.max(0, Duration.ofSeconds(12).toMillis() - (System.nanoTime() - down) / 1_000_000));
            server.start();
            Map<String, Integer> counts = Await.until(Duration.ofSeconds(90), this::eventCounts,
                    c -> c.size() == BURST, BURST + " events after the restart");
            assertTrue(counts.values().stream().allMatch(n -> n == 1), "each appointment exactly once: " + counts);
            assertEquals(new java.util.TreeSet<>(acked), new java.util.TreeSet<>(counts.keySet()));
        }
    }

    @Test
    void aBridgeKilledMidBurstLandsEveryAcknowledgedWebhookExactlyOnce() throws Exception {
        Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                Files.createTempDirectory("bridge-kill-"));
        List<HighLevelSandbox.SignedWebhook> hooks = appointments();
        SubprocessBridge first = new SubprocessBridge(p).start();
        sandbox.setWebhookTarget(first.webhookUrl());
        List<String> acked = deliver(hooks, () -> {
            try {
                first.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(acked.size() >= BURST / 2 - 8 && acked.size() < BURST, "killed mid-burst; acknowledged: " + acked.size());
        try (SubprocessBridge second = new SubprocessBridge(p).start()) {
            Map<String, Integer> counts = Await.until(Duration.ofSeconds(90), this::eventCounts,
                    c -> c.keySet().containsAll(acked), "every acknowledged webhook in the calendar");
            new AdminClient(second.managementPort(), null).awaitInboxApplied(); // what was in flight landed too
            counts = eventCounts();
            assertTrue(counts.values().stream().allMatch(n -> n == 1), "nothing twice: " + counts);
            assertTrue(counts.keySet().containsAll(acked));
        }
    }
}
