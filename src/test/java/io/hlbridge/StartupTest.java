package io.hlbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.store.Database;
import io.hlbridge.store.StoreSettings;
import io.hlbridge.store.StoredConnection;
import io.hlbridge.store.Stores;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.Ports;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.SubprocessBridge;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The standalone bridge's start and stop, as a person running it sees them: its own JVM, its own working directory
 * and application.properties, environment variables, a port someone else holds, SIGTERM. Each case was seen going
 * wrong: a bad configuration started and misbehaved later, a taken port left a bridge running without webhooks,
 * CAMEL_SERVER_PORT was ignored, and on SIGTERM H2 closed before Camel had finished.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupTest {
    private HighLevelSandbox sandbox;

    @BeforeAll
    void start() throws Exception {
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addCalendar("RR1", "L1", "round_robin");
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    /** Properties for a bridge that needs no CalDAV server (port 9 refuses connections). */
    private Map<String, String> properties(Path dir) throws Exception {
        return BridgeHarness.properties(sandbox, URI.create("http://127.0.0.1:9/"), dir.resolve("data"));
    }

    /**
     * The store remembers the key its secrets are sealed with: another key, or none while connections are stored,
     * ends the start with exit 2 and the fix, before anything runs.
     */
    @Test
    void aWrongOrMissingSecretKeyFailsTheStartNamingIt() throws Exception {
        Path dir = Files.createTempDirectory("bridge-secret-key-");
        Map<String, String> p = properties(dir);
        StoreSettings store = new StoreSettings(p.get("bridge.db.url"), null, null,
                2, TestSecrets.SECRET_KEY);
        Stores stores = Stores.open(store);
        stores.storedConnections().insert(new StoredConnection("stored", "L1", "U5", "alice",
                TestSecrets.APP_PASSWORD, TestSecrets.HIGHLEVEL_TOKEN, "Work", List.of(), null, null, null, false, 1, 1));
        stores.db().close();

        p.put("bridge.secret-key", "d3JvbmctYnV0LXdlbGwtZm9ybWVkLWtleS0zMi1ieXQ="); // 32 bytes, another key
        SubprocessBridge wrong = new SubprocessBridge(p).directory(dir);
        assertEquals(2, wrong.runUntilExit(Duration.ofSeconds(60)), wrong.log());
        assertTrue(wrong.log().contains("bridge.secret-key is not the key this store's secrets were encrypted with"),
                wrong.log());
        p.remove("bridge.secret-key");
        SubprocessBridge none = new SubprocessBridge(p).directory(dir);
        assertEquals(2, none.runUntilExit(Duration.ofSeconds(60)), none.log());
        assertTrue(none.log().contains("set bridge.secret-key (environment variable BRIDGE_SECRET_KEY)"), none.log());
        p.put("bridge.secret-key", "c2hvcnQ=");
        SubprocessBridge malformed = new SubprocessBridge(p).directory(dir);
        assertEquals(2, malformed.runUntilExit(Duration.ofSeconds(60)), malformed.log());
        assertTrue(malformed.log().contains("bridge.secret-key must be 32 bytes"), malformed.log());
    }

    @Test
    void everyConfigurationMistakeIsReportedAtOnceAndTheBridgeExits() throws Exception {
        Path dir = Files.createTempDirectory("bridge-misconfigured-");
        Map<String, String> p = properties(dir);
        p.remove("connections.alice.app-password");
        Files.writeString(dir.resolve("application.properties"), String.join("\n",
                "sync.poll-interval=60",
                "sync.reconcile-interval=1 minute",
                "sync.poll-intervall=30s",
                "connections.alice.time-zone=Europe/Berln",
                "camel.managment.port=8090",
                "conections.bob.apple-id=bob@example.com",
                ""));
        SubprocessBridge bridge = new SubprocessBridge(p).directory(dir);
        int exit = bridge.runUntilExit(Duration.ofSeconds(60));
        String log = bridge.log();
        assertEquals(2, exit, log);
        for (String problem : List.of(
                "sync.poll-interval: '60' has no unit; write 60s for seconds",
                "sync.reconcile-interval: '1 minute' is not a duration",
                "sync.poll-intervall is not a key of the bridge; did you mean sync.poll-interval?",
                "connections.alice.time-zone: 'Europe/Berln' is not a time zone",
                "connections.alice.app-password is missing: set it in application.properties or in the environment"
                        + " as CONNECTIONS_ALICE_APP_PASSWORD",
                "camel.managment.port is not a key Camel reads; did you mean camel.management.port?",
                "conections.bob.apple-id is under no prefix the bridge reads; did you mean connections.bob.apple-id?")) {
            assertTrue(log.contains(problem), "reports '" + problem + "':\n" + log);
        }
        assertTrue(log.contains("has 7 problems"), log);
        assertFalse(log.contains("\tat "), "a configuration mistake is reported without a stack trace:\n" + log);
    }

    @Test
    void aWebhookPortInUseEndsTheBridgeWithTheReason() throws Exception {
        String log = withPortTaken("camel.server.port", "0.0.0.0");
        assertTrue(log.contains("camel.server.port"), log);
    }

    @Test
    void aManagementPortInUseEndsTheBridgeWithTheReason() throws Exception {
        String log = withPortTaken("camel.management.port", "127.0.0.1");
        assertFalse(log.contains("Admin API on"), "never said to be served on a port another process holds:\n" + log);
    }

    /** Runs the bridge with {@code key} set to a port another process holds on {@code host}: exit 1, naming it. */
    private String withPortTaken(String key, String host) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName(host))) {
            Path dir = Files.createTempDirectory("bridge-port-taken-");
            Map<String, String> p = properties(dir);
            p.put(key, String.valueOf(taken.getLocalPort()));
            SubprocessBridge bridge = new SubprocessBridge(p).directory(dir);
            int exit = bridge.runUntilExit(Duration.ofSeconds(60));
            String log = bridge.log();
            assertEquals(1, exit, log);
            assertTrue(log.contains("could not bind " + host + ":" + taken.getLocalPort()), log);
            return log;
        }
    }

    @Test
    void theEnvironmentOverridesTheServerPortOfTheFile() throws Exception {
        Path dir = Files.createTempDirectory("bridge-env-port-");
        Map<String, String> p = properties(dir);
        p.remove("camel.server.port");
        int filePort = Ports.free();
        int envPort = Ports.free();
        Files.writeString(dir.resolve("application.properties"), "camel.server.port=" + filePort + "\n");
        p.put("camel.server.port", String.valueOf(envPort)); // only for the harness to wait on: not passed below
        Map<String, String> passed = new java.util.LinkedHashMap<>(p);
        passed.remove("camel.server.port");
        try (SubprocessBridge bridge = new SubprocessBridge(passed).directory(dir)
                .environment("CAMEL_SERVER_PORT", String.valueOf(envPort))) {
            bridge.runAsync().awaitListening(envPort);
            assertTrue(isFree(filePort), "nothing listens on the file's port");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * A first start with nothing to sync, as a newcomer runs it: the line that matters (no connection is configured,
     * and where to read how to add one) comes after a short start-up log, not after a hundred lines of set-up.
     */
    @Test
    void aQuietFirstStartIsShortAndSaysNothingIsConfigured() throws Exception {
        Path dir = Files.createTempDirectory("bridge-quiet-");
        Map<String, String> p = properties(dir);
        p.keySet().removeIf(k -> k.startsWith("connections."));
        try (SubprocessBridge bridge = new SubprocessBridge(p).directory(dir).start()) {
            String log = Await.until(Duration.ofSeconds(30), bridge::log,
                    l -> l.contains("No connections are configured"), "the line saying that nothing is configured");
            List<String> before = log.lines().takeWhile(l -> !l.contains("No connections are configured")).toList();
            assertTrue(before.size() <= 25, before.size() + " lines before it:\n" + String.join("\n", before));
            assertTrue(log.contains("docs/first-sub-account.md"), "it says where to read how to add one");
        }
    }

    /**
     * bridge.log.format=json from the working directory's application.properties, as an operator sets it: every line
     * the bridge prints, from the first (before Camel starts) to the last of its shutdown, is one JSON object with its
     * time, level and message, and a blocked-slot write has its INFO line there too.
     */
    @Test
    void jsonLogsAreOneObjectPerLineFromStartToShutdown() throws Exception {
        try (CalDavServer server = new RadicaleServer().start()) {
            server.mkcalendar(CalDavServer.USER, "work", "Work");
            URI home = server.mkcalendar(CalDavServer.USER, "home", "Home");
            server.send("PUT", home.resolve("dentist.ics"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
                    + "BEGIN:VEVENT\r\nUID:dentist\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:"
                    + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HH0000'Z'").withZone(java.time.ZoneOffset.UTC)
                    .format(java.time.Instant.now().plus(Duration.ofDays(2))) + "\r\nDURATION:PT1H\r\nSUMMARY:Dentist"
                    + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", Map.of("Content-Type", "text/calendar"));
            Path dir = Files.createTempDirectory("bridge-json-logs-");
            Files.writeString(dir.resolve("application.properties"), "bridge.log.format=json\n");
            Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(), dir.resolve("data"));
            p.put("connections.alice.conflict-calendars", "Home");
            SubprocessBridge bridge = new SubprocessBridge(p).directory(dir).start();
            Await.until(Duration.ofSeconds(30), () -> sandbox.blockedSlots("U1").size(), n -> n == 1, "the slot made");
            assertNotEquals(1, bridge.terminate(Duration.ofSeconds(60)), bridge.log());
            List<String> lines = bridge.log().lines().filter(l -> !l.isBlank()).toList();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<com.fasterxml.jackson.databind.JsonNode> events = new ArrayList<>();
            for (String line : lines) {
                com.fasterxml.jackson.databind.JsonNode e = json.readTree(line); // fails on a line that is not JSON
                assertTrue(e.hasNonNull("@timestamp") && e.hasNonNull("log.level") && e.hasNonNull("message"), line);
                events.add(e);
            }
            assertTrue(events.stream().anyMatch(e -> e.path("message").asText().startsWith("Blocked slot ")
                    && e.path("log.level").asText().equals("INFO")), "a blocked-slot write at INFO: " + lines);
            // the context's "... is shutdown", or camel-main's "Apache Camel (Main) 4.18.0 shutdown" when its main
            // thread logs before the JVM exits (SIGTERM's hook and the main thread race; seen once)
            String last = events.get(events.size() - 1).path("message").asText();
            assertTrue(last.contains("is shutdown") || last.matches("Apache Camel \\(Main\\) [0-9.]+ shutdown"),
                    "the last line is Camel's: " + lines.get(lines.size() - 1));
        }
    }

    /**
     * SIGTERM while appointments are being written to a slow calendar server: Camel drains what is in flight, then
     * the store is closed, and the log runs to the end. Every acknowledged webhook is applied or still pending.
     */
    @Test
    void sigtermDrainsTheRoutesThenClosesTheStoreAndLogsToTheEnd() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); FaultProxy slow = new FaultProxy(server.baseUrl())) {
            server.mkcalendar(CalDavServer.USER, "work", "Work");
            slow.setWriteDelay(Duration.ofMillis(300));
            Path dir = Files.createTempDirectory("bridge-sigterm-");
            Map<String, String> p = BridgeHarness.properties(sandbox, slow.url(), dir.resolve("data"));
            SubprocessBridge bridge = new SubprocessBridge(p).directory(dir).start();
            sandbox.setWebhookTarget(bridge.webhookUrl());
            List<String> acked = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                        "startTime", "2026-12-10T" + String.format("%02d", 8 + i % 10) + ":00:00Z",
                        "endTime", "2026-12-10T" + String.format("%02d", 8 + i % 10) + ":30:00Z",
                        "title", "Drain " + i, "users", List.of()), false);
                if (sandbox.deliver(sandbox.webhook("AppointmentCreate", a)) == 200) {
                    acked.add(a.get("id").asText());
                }
            }
            Await.until(Duration.ofSeconds(30), slow::requests, n -> n > 3, "writes in flight");
            int exit = bridge.terminate(Duration.ofSeconds(60));
            String log = bridge.log();
            assertNotEquals(1, exit, log);
            assertFalse(log.contains("already closed"), log);
            int routesStopped = log.indexOf("Routes stopped");
            int storeClosed = log.indexOf("Store closed");
            int shutdown = log.indexOf("Apache Camel (Main) 4.18.0 is shutdown");
            assertTrue(routesStopped > 0 && storeClosed > routesStopped && shutdown > storeClosed,
                    "the routes drain, then the store closes, and the log runs to Camel's last line:\n" + log);
            try (Stream<Path> files = Files.list(dir.resolve("data"))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".trace.db")).toList()) {
                    String trace = Files.readString(f, StandardCharsets.ISO_8859_1);
                    assertFalse(trace.contains("already closed"), f + ":\n" + trace);
                }
            }
            try (Database db = new Database(new StoreSettings(
                    p.get("bridge.db.url"), null, null, 2))) {
                List<String> kept = db.query("SELECT work_key FROM inbox WHERE status IN ('DONE', 'PENDING')",
                        ps -> { }, rs -> rs.getString(1));
                assertTrue(kept.containsAll(acked.stream().map(id -> "appointment:" + id).toList()),
                        "every acknowledged webhook is applied or still pending: " + kept);
            }
        }
    }
}
