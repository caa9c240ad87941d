package io.hlbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.Ports;
import io.hlbridge.testing.SubprocessBridge;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as users start it ({@code java -jar}, after {@code mvn package}): every route starts from the
 * jar alone (no routes/ folder beside it), and the configuration contract holds: the packaged
 * application.properties, overridden key by key by one in the working directory, overridden by environment
 * variables and by system properties.
 */
class RunnableJarIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void workingDirectoryFileThenEnvironmentThenSystemPropertiesOverrideThePackagedFile() throws Exception {
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            Path dir = Files.createTempDirectory("bridge-config-"); // no routes/ here: the packaged ones load
            Map<String, String> p = BridgeHarness.properties(sandbox, URI.create("http://127.0.0.1:9/"), dir.resolve("data"));
            p.keySet().removeIf(k -> k.startsWith("connections."));
            int filePort = Ports.free();
            Files.writeString(dir.resolve("application.properties"), "camel.server.max-body-size=2048\n"
                    + "highlevel.webhook.path=/from-file\ncamel.server.port=" + filePort + "\n");
            Path jar = Path.of(System.getProperty("testing.runner.jar", "target/none.jar"));
            assertTrue(Files.isRegularFile(jar), "the runnable jar (mvn package) at " + jar);
            try (SubprocessBridge bridge = new SubprocessBridge(p).jar(jar).directory(dir)
                    .environment("HIGHLEVEL_WEBHOOK_PATH", "/from-env").start()) {
                // start() waited for the port given as -Dcamel.server.port, not the file's
                String base = "http://127.0.0.1:" + p.get("camel.server.port");
                assertEquals(404, post(base + "/from-file", 10), "the environment variable beat the file's path");
                assertEquals(401, post(base + "/from-env", 10), "the webhook route answers there (unsigned: 401)");
                assertEquals(401, post(base + "/from-env", 1_500), "under the file's body limit");
                assertEquals(413, post(base + "/from-env", 4_096), "the file's body limit beat the packaged 1 MiB");
            }
        }
    }

    private static int post(String url, int bytes) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(
                "{\"type\":\"x\"}".concat(" ".repeat(bytes)).getBytes())).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
