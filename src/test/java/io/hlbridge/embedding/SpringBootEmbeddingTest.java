package io.hlbridge.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.Ports;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.SubprocessBridge;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * The bridge inside a Spring Boot 3.5 application ({@link SpringBootHostApplication}) in its own JVM: the bridge's
 * keys come from the host's application.yml (nested YAML, the catalogue's defaults for the rest), its webhook route is
 * served on the host's port by Spring MVC, an appointment reaches Radicale and an iCloud event becomes a blocked slot
 * in the sandbox, the host's own endpoint and route keep answering, Actuator's health shows the connection's state
 * and Actuator's metrics the bridge's counters.
 */
class SpringBootEmbeddingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSpringBootApplicationAddsTheBridgeAndSyncsBothWays() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox()) {
            URI work = EmbeddedSync.prepare(server, sandbox);
            Path host = Files.createTempDirectory("spring-boot-host-");
            Path resources = Files.createDirectories(host.resolve("resources"));
            int port = Ports.free();
            Files.writeString(resources.resolve("application.yml"), """
                    server:
                      port: %d
                    management:
                      endpoints.web.exposure.include: health,metrics
                      endpoint.health.show-details: always
                    host:
                      greeting: Hello from the Spring Boot host
                    highlevel:
                      api-url: %s
                      webhook:
                        ed25519-public-key: %s
                    icloud:
                      caldav-url: %s
                    bridge:
                      db:
                        url: jdbc:h2:file:%s
                    sync:
                      poll-interval: 1s
                    connections:
                      alice:
                        location-id: L1
                        user-id: U1
                        highlevel-token: %s
                        apple-id: alice
                        app-password: %s
                        linked-calendar: Work
                    """.formatted(port, sandbox.url(), sandbox.webhookPublicKey(), server.baseUrl(),
                    host.resolve("data/bridge"), TestSecrets.HIGHLEVEL_TOKEN, TestSecrets.APP_PASSWORD));
            try (SubprocessBridge app = new SubprocessBridge(Map.of())
                    .application(SpringBootHostApplication.class.getName(), List.of(resources)).directory(host)) {
                app.runAsync();
                Ports.awaitListening(port, Duration.ofSeconds(90), null);
                String base = "http://127.0.0.1:" + port;
                Await.until(Duration.ofSeconds(60), () -> get(base + "/host/hello").body(),
                        "Hello from the Spring Boot host"::equals, "the host's own endpoint and route");

                EmbeddedSync.appointmentReaches(server, work, sandbox, URI.create(base + "/webhooks/highlevel"),
                        "2026-12-16T09:00:00Z", "In Spring Boot", Duration.ofSeconds(60));

                assertEquals(201, server.put(work.resolve("dentist.ics"), """
                        BEGIN:VCALENDAR\r
                        VERSION:2.0\r
                        PRODID:-//Apple Inc.//macOS 15.1//EN\r
                        BEGIN:VEVENT\r
                        UID:dentist-1\r
                        DTSTAMP:20261201T120000Z\r
                        DTSTART:20261217T140000Z\r
                        DTEND:20261217T150000Z\r
                        SUMMARY:Dentist\r
                        TRANSP:OPAQUE\r
                        END:VEVENT\r
                        END:VCALENDAR\r
                        """));
                List<ObjectNode> slots = Await.until(Duration.ofSeconds(60), () -> sandbox.blockedSlots("U1"),
                        l -> !l.isEmpty(), "the iCloud event as a blocked slot");
                assertEquals(1, slots.size(), "only the iCloud event, not the bridge's own: " + slots);
                assertEquals("2026-12-17T14:00:00Z", java.time.Instant.parse(slots.get(0).get("startTime").asText())
                        .toString(), slots.get(0).toString());

                assertEquals("Hello from the Spring Boot host", get(base + "/host/hello").body());
                HttpResponse<String> health = get(base + "/actuator/health");
                JsonNode bridge = JSON.readTree(health.body()).path("components").path("bridge");
                assertEquals("UP", bridge.path("status").asText(), health.body());
                assertEquals("UP", bridge.path("details").path("connections").path("state").asText(), health.body());
                assertEquals("ok", bridge.path("details").path("connections").path("connection.alice").asText(),
                        health.body());
                assertEquals("UP", bridge.path("details").path("webhook-listener").path("state").asText(), health.body());
                HttpResponse<String> webhooks = get(base + "/actuator/metrics/bridge.webhooks");
                assertEquals(200, webhooks.statusCode(), webhooks.body());
                assertTrue(JSON.readTree(webhooks.body()).path("measurements").get(0).path("value").asDouble() >= 1,
                        webhooks.body());
                String log = app.log();
                assertFalse(log.contains(TestSecrets.APP_PASSWORD) || log.contains(TestSecrets.HIGHLEVEL_TOKEN), log);
                sandbox.assertOnlyValidRequests();
            }
        }
    }

    @Test
    void aMistakeInTheBridgesKeysStopsTheHostNamingTheKeyAndTheFix() throws Exception {
        Path host = Files.createTempDirectory("spring-boot-misconfigured-");
        Path resources = Files.createDirectories(host.resolve("resources"));
        Files.writeString(resources.resolve("application.yml"), """
                server:
                  port: %d
                host:
                  greeting: Hello
                sync:
                  poll-interval: 60
                  poll-intervall: 30s
                """.formatted(Ports.free()));
        SubprocessBridge app = new SubprocessBridge(Map.of())
                .application(SpringBootHostApplication.class.getName(), List.of(resources)).directory(host);
        int exit = app.runUntilExit(Duration.ofSeconds(90));
        String log = app.log();
        assertEquals(1, exit, log);
        for (String problem : List.of("APPLICATION FAILED TO START",
                "sync.poll-interval: '60' has no unit; write 60s for seconds",
                "sync.poll-intervall is not a key of the bridge; did you mean sync.poll-interval?")) {
            assertTrue(log.contains(problem), "reports '" + problem + "':\n" + log);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
