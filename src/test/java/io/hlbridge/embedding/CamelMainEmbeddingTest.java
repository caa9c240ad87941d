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

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.Ports;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.SubprocessBridge;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * The bridge inside another camel-main application ({@link HostApplication}), in its own JVM with the host's
 * resources first on the classpath, as a dependency is: the host's application.properties shadows the bridge's,
 * names no bridge key but the connection (and the addresses of the test's HighLevel and CalDAV servers), and has keys
 * of its own, one of them under {@code connections.}. The host's endpoint keeps answering, an appointment reaches
 * Radicale through the host's port, and Camel's start-up summary masks the connection's secrets.
 */
class CamelMainEmbeddingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aHostApplicationAddsTheBridgeAndSyncsAnAppointment() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox()) {
            URI work = EmbeddedSync.prepare(server, sandbox);
            Path host = Files.createTempDirectory("camel-main-host-");
            Path resources = Files.createDirectories(host.resolve("resources"));
            int port = Ports.free();
            Files.writeString(resources.resolve("application.properties"), String.join("\n",
                    "camel.main.name=host-app",
                    "camel.server.enabled=true",
                    "camel.server.port=" + port,
                    "host.greeting=Hello from the host",
                    "connections.pool.max-size=10",
                    "highlevel.api-url=" + sandbox.url(),
                    "highlevel.webhook.ed25519-public-key=" + sandbox.webhookPublicKey(),
                    "icloud.caldav-url=" + server.baseUrl(),
                    "connections.alice.location-id=L1",
                    "connections.alice.user-id=U1",
                    "connections.alice.highlevel-token=" + TestSecrets.HIGHLEVEL_TOKEN,
                    "connections.alice.apple-id=alice",
                    "connections.alice.app-password=" + TestSecrets.APP_PASSWORD,
                    "connections.alice.linked-calendar=Work",
                    ""));
            Path routes = Files.createDirectories(resources.resolve("host-routes"));
            Files.writeString(routes.resolve("hello.camel.yaml"), """
                    - route:
                        id: host-hello
                        from:
                          uri: "platform-http:/host/hello"
                          steps:
                            - setBody:
                                constant: "{{host.greeting}}"
                    """);
            try (SubprocessBridge app = new SubprocessBridge(Map.of("camel.server.port", String.valueOf(port)))
                    .application(HostApplication.class.getName(), List.of(resources)).directory(host)) {
                app.runAsync();
                Ports.awaitListening(port, Duration.ofSeconds(60), null);
                Await.until(Duration.ofSeconds(30), () -> get("http://127.0.0.1:" + port + "/host/hello"),
                        "Hello from the host"::equals, "the host's own endpoint");
                EmbeddedSync.appointmentReaches(server, work, sandbox,
                        URI.create("http://127.0.0.1:" + port + "/webhooks/highlevel"), "2026-12-14T09:00:00Z",
                        "Embedded", Duration.ofSeconds(30));
                assertEquals("Hello from the host", get("http://127.0.0.1:" + port + "/host/hello"));
                String log = app.log();
                assertTrue(log.contains("Store: H2 file " + host.toRealPath().resolve("data/bridge.mv.db")),
                        "the default ./data store, logged by its absolute path:\n" + log);
                assertTrue(log.contains("connections.alice.app-password = xxxxxx"), log);
                assertTrue(log.contains("connections.alice.highlevel-token = xxxxxx"), log);
                assertFalse(log.contains(TestSecrets.APP_PASSWORD) || log.contains(TestSecrets.HIGHLEVEL_TOKEN), log);
                sandbox.assertOnlyValidRequests();
            }
        }
    }

    private static String get(String url) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
