package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.AdminClient;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.Ports;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TcpRelay;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * What an operator is told is true: a CalDAV server that cannot be reached makes its connections need attention (with
 * the host and what to check), readiness names them and a metric moves, and they recover at the next good poll; the
 * last successful poll is the last poll that went through, changed or not, and an error shows only until the next
 * success.
 */
class TruthfulStatusTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUnreachableServerIsSaidAndARecoveredOneIsFine() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox();
                TcpRelay relay = new TcpRelay(server.port())) {
            server.mkcalendar(CalDavServer.USER, "work", "Work");
            Map<String, String> p = properties(sandbox, URI.create("http://127.0.0.1:" + relay.port()
                    + server.baseUrl().getPath()), "3s");
            int mgmt = Integer.parseInt(p.get("camel.management.port"));
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                AdminClient admin = new AdminClient(mgmt, null);
                Instant first = Await.until(WAIT, () -> lastPoll(admin), t -> t != null, "a first poll");
                Await.until(WAIT, () -> lastPoll(admin), t -> t != null && t.isAfter(first),
                        "a later unchanged poll counts as successful too");
                assertEquals(200, ready(mgmt).statusCode());

                relay.cut(); // the server is away
                JsonNode down = Await.until(WAIT, () -> admin.get("/connections/alice").json(), c -> c.path("state")
                        .path("status").asText().equals("calendar-server-unreachable"), "alice needs attention");
                String reason = down.path("state").path("reason").asText();
                assertTrue(reason.contains("127.0.0.1") && reason.contains("icloud.caldav-url"), reason);
                assertTrue(down.path("lastError").path("reason").asText().contains("reached"), down.toString());
                HttpResponse<String> notReady = ready(mgmt);
                assertEquals(503, notReady.statusCode(), notReady.body());
                assertTrue(notReady.body().contains("alice"), notReady.body());
                assertTrue(metrics(mgmt).contains("bridge_connections{state=\"calendar-server-unreachable\"} 1.0"));

                relay.restore();
                Await.until(WAIT, () -> admin.get("/connections/alice").json(), c -> c.path("state").path("status")
                        .asText().equals("ok") && c.path("lastError").isNull(),
                        "ok again, and the error gone, after the next good poll");
                assertEquals(200, ready(mgmt).statusCode());
            }
        }
    }

    @Test
    void aCaldavUrlPointingNowhereIsSaidAndCountedAsFailedPolls() throws Exception {
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            Map<String, String> p = properties(sandbox, URI.create("http://127.0.0.1:" + Ports.free() + "/"), "2s");
            int mgmt = Integer.parseInt(p.get("camel.management.port"));
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                AdminClient admin = new AdminClient(mgmt, null);
                JsonNode down = Await.until(WAIT, () -> admin.get("/connections/alice").json(), c -> c.path("state")
                        .path("status").asText().equals("calendar-server-unreachable"), "alice needs attention");
                assertTrue(down.path("lastError").path("reason").asText().contains("could not be reached"),
                        "not 'could not be found': " + down);
                assertEquals(503, ready(mgmt).statusCode());
                Await.until(WAIT, () -> metrics(mgmt), m -> m.contains("bridge_polls_total{outcome=\"failed\"}"),
                        "the failed discovery counted as a failed poll");
            }
        }
    }

    /** A bridge polling every 500 ms through {@code caldav}, saying a server is away after {@code unreachableAfter}. */
    private static Map<String, String> properties(HighLevelSandbox sandbox, URI caldav, String unreachableAfter)
            throws Exception {
        sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
        Map<String, String> p = BridgeHarness.properties(sandbox, caldav, Files.createTempDirectory("truth-"));
        p.put("sync.poll-interval", "500ms");
        p.put("icloud.unreachable-after", unreachableAfter);
        return p;
    }

    private Instant lastPoll(AdminClient admin) throws Exception {
        JsonNode cals = admin.get("/connections/alice").json().path("calendars");
        return cals.size() == 0 || cals.get(0).path("lastPoll").isNull() ? null
                : Instant.parse(cals.get(0).path("lastPoll").asText());
    }

    private HttpResponse<String> ready(int mgmt) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mgmt + "/observe/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String metrics(int mgmt) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mgmt + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
