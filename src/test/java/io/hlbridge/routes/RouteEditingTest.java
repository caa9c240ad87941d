package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The routes as a user edits them (the README invites it): a copy of routes/ with a step taken out, or changed while
 * the bridge runs with Camel's route reloading. An optional step taken out leaves a route that works; a required one
 * fails start-up naming it, instead of a NullPointerException on every appointment; a reloaded file keeps the
 * webhook answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteEditingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private CalDavServer server;
    private HighLevelSandbox sandbox;
    private URI work;

    @BeforeAll
    void start() throws Exception {
        server = new RadicaleServer().start();
        work = server.mkcalendar(CalDavServer.USER, "work", "Work");
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addCalendar("RR1", "L1", "round_robin");
    }

    @AfterEach
    void sandboxSawOnlyValidRequests() {
        sandbox.assertOnlyValidRequests();
    }

    @AfterAll
    void stop() throws Exception {
        sandbox.close();
        server.close();
    }

    /** A copy of the shipped routes, with {@code edit} applied to one file. */
    private static Path routes(String file, java.util.function.UnaryOperator<String> edit) throws Exception {
        Path dir = Files.createTempDirectory("routes-edited-");
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path f : shipped.toList()) {
                String text = Files.readString(f);
                Files.writeString(dir.resolve(f.getFileName()), f.getFileName().toString().equals(file) ? edit.apply(text)
                        : text);
            }
        }
        return dir;
    }

    /** The YAML of a route without the {@code - process:} step whose ref is {@code ref}. */
    private static String withoutStep(String yaml, String ref) {
        String edited = yaml.replaceAll("(?m)^( *)- process:\\n(\\1    id: [^\\n]*\\n)?\\1    ref: " + ref + "\\b[^\\n]*\\n",
                "");
        assertTrue(!edited.equals(yaml), "the step " + ref + " was in the route");
        return edited;
    }

    private Map<String, String> properties(Path routes) throws Exception {
        Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                Files.createTempDirectory("bridge-routes-").resolve("data"));
        p.put("camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml");
        p.put("sync.poll-interval", "1h");
        return p;
    }

    private String bookAndAwait(BridgeHarness bridge, String title) throws Exception {
        sandbox.setWebhookTarget(bridge.webhookUrl());
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                "startTime", "2026-12-15T09:00:00Z", "endTime", "2026-12-15T10:00:00Z", "title", title,
                "users", List.of()), true);
        String id = a.get("id").asText();
        Await.until(Duration.ofSeconds(20), () -> server.events(work).values().stream()
                .filter(ics -> ics.contains("X-HL-APPOINTMENT-ID:" + id)).count(), n -> n == 1, title + " in Radicale");
        return id;
    }

    @Test
    void anOptionalFilterTakenOutLeavesARouteThatWorks() throws Exception {
        Path routes = routes("highlevel-to-icloud.camel.yaml", y -> withoutStep(withoutStep(y, "syncedCalendarTypesOnly"),
                "calendarServerBackoff"));
        try (BridgeHarness bridge = BridgeHarness.start(properties(routes))) {
            bookAndAwait(bridge, "Without the type filter");
        }
    }

    @Test
    void aRequiredStepTakenOutFailsStartUpNamingIt() throws Exception {
        Path routes = routes("highlevel-to-icloud.camel.yaml", y -> withoutStep(y, "fetchAppointment"));
        Exception e = assertThrows(Exception.class, () -> BridgeHarness.start(properties(routes)).close());
        String message = rootMessage(e);
        assertTrue(message.contains("route highlevel-to-icloud has no step 'fetchAppointment'"), message);
    }

    @Test
    void aRouteFileChangedWhileTheBridgeRunsIsReloadedAndTheWebhookKeepsAnswering() throws Exception {
        Path routes = routes("highlevel-to-icloud.camel.yaml", y -> y);
        Map<String, String> p = properties(routes);
        p.put("camel.main.routes-reload-enabled", "true");
        p.put("camel.main.routes-reload-directory", routes.toAbsolutePath().toString());
        p.put("camel.main.routes-reload-pattern", "*.camel.yaml");
        try (BridgeHarness bridge = BridgeHarness.start(p)) {
            bookAndAwait(bridge, "Before the edit");
            Path file = routes.resolve("highlevel-to-icloud.camel.yaml");
            Files.writeString(file, withoutStep(Files.readString(file), "calendarServerBackoff"));
            Await.until(Duration.ofSeconds(30), () -> steps(bridge, "highlevel-to-icloud"),
                    steps -> !steps.isEmpty() && !steps.contains("calendarServerBackoff"), "the edited route reloaded");
            assertEquals(401, post(bridge.webhookUrl()), "the webhook route still answers (unsigned: 401, not 404)");
            bookAndAwait(bridge, "After the edit");
        }
    }

    /** The bean refs of a route's steps as Camel has it now (empty while it is being replaced). */
    private static List<String> steps(BridgeHarness bridge, String routeId) {
        org.apache.camel.model.RouteDefinition route = bridge.context().getCamelContextExtension()
                .getContextPlugin(org.apache.camel.model.Model.class).getRouteDefinition(routeId);
        return route == null ? List.of() : route.getOutputs().stream()
                .filter(o -> o instanceof org.apache.camel.model.ProcessDefinition)
                .map(o -> ((org.apache.camel.model.ProcessDefinition) o).getRef()).toList();
    }

    private static int post(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String rootMessage(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
