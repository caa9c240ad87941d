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
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.KarafInstance;
import io.hlbridge.testing.Ports;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * The Karaf bundle ({@code mvn package}, classifier {@code karaf}) in a real Apache Karaf 4.4.8, as an administrator
 * installs it: configuration in {@code etc/io.hlbridge.cfg}, the bundle dropped in {@code deploy/}, Karaf started
 * with {@code bin/start} and stopped with {@code bin/stop}. The bundle is Active, an appointment booked in the sandbox
 * reaches Radicale, the bridge's health endpoint answers from inside Karaf, a saved configuration restarts the bridge
 * with it, and no Karaf process is left.
 */
class KarafBundleIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theBundleDroppedInDeployIsActiveAndSyncsAnAppointment() throws Exception {
        Path bundle = Path.of(System.getProperty("testing.karaf.bundle", "target/none.jar"));
        assertTrue(Files.isRegularFile(bundle), "the Karaf bundle (mvn package) at " + bundle);
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox();
                KarafInstance karaf = KarafInstance.unpack()) {
            URI work = EmbeddedSync.prepare(server, sandbox);
            Map<String, String> cfg = new LinkedHashMap<>(BridgeHarness.properties(sandbox, server.baseUrl(),
                    Files.createTempDirectory("unused-")));
            cfg.remove("bridge.db.url"); // the bundle's default: Karaf's data folder
            karaf.configuration("io.hlbridge", cfg);
            karaf.deploy(bundle);
            karaf.start();
            int port = Integer.parseInt(cfg.get("camel.server.port"));
            Ports.awaitListening(port, Duration.ofSeconds(120), null);

            String bundles = karaf.console("bundle:list -s");
            assertTrue(bundles.lines().anyMatch(l -> l.contains("io.hlbridge.bridge") && l.contains("Active")), bundles);

            EmbeddedSync.appointmentReaches(server, work, sandbox,
                    URI.create("http://127.0.0.1:" + port + "/webhooks/highlevel"), "2026-12-15T09:00:00Z", "In Karaf",
                    Duration.ofSeconds(60));
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + cfg.get("camel.management.port") + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("connections"), health.body());
            assertTrue(Files.isRegularFile(karaf.home().resolve("data/hlbridge/bridge.mv.db")), "the store in Karaf's data");
            sandbox.assertOnlyValidRequests();

            // a saved configuration restarts the bridge with it
            cfg.put("highlevel.webhook.path", "/hooks/highlevel");
            karaf.configuration("io.hlbridge", cfg);
            Await.until(Duration.ofSeconds(60), () -> post("http://127.0.0.1:" + port + "/hooks/highlevel"),
                    s -> s == 401, "the webhook route on the new path (unsigned: 401)");
            assertEquals(404, post("http://127.0.0.1:" + port + "/webhooks/highlevel"), "the old path is gone");

            assertTrue(karaf.stop(Duration.ofSeconds(60)), "Karaf ended after bin/stop");
            String log = karaf.log();
            assertTrue(log.contains("Apache Camel 4.18.0 (" + cfg.get("camel.main.name") + ") shutdown in"), "the bridge stopped:\n" + log);
            assertFalse(log.contains(TestSecrets.APP_PASSWORD) || log.contains(TestSecrets.HIGHLEVEL_TOKEN), "secrets");
            assertTrue(karaf.processes().isEmpty(), "no Karaf process left");
        }
    }

    @Test
    void theBundleImportsOnlyTheJdkOsgiAndTheLoggingApi() throws Exception {
        Path bundle = Path.of(System.getProperty("testing.karaf.bundle", "target/none.jar"));
        String imports;
        try (JarFile jar = new JarFile(bundle.toFile())) {
            imports = jar.getManifest().getMainAttributes().getValue("Import-Package");
        }
        Set<String> jdk = ModuleLayer.boot().modules().stream().flatMap(m -> m.getPackages().stream())
                .collect(Collectors.toSet());
        List<String> packages = Arrays.stream(imports.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
                .map(i -> i.split(";")[0].trim()).toList();
        assertTrue(packages.contains("org.slf4j") && packages.contains("org.osgi.framework"), imports);
        List<String> others = packages.stream().filter(p -> !jdk.contains(p) && !p.startsWith("org.osgi.")
                && !p.startsWith("org.slf4j") && !(p.startsWith("org.apache.logging.log4j")
                        && !p.startsWith("org.apache.logging.log4j.core"))).toList();
        assertEquals(List.of(), others, "imports beyond the JDK, OSGi and the logging API");
    }

    @Test
    void theFeaturesFileInstallsTheBundleAndAConfigurationMistakeIsLoggedWithItsFix() throws Exception {
        Path bundle = Path.of(System.getProperty("testing.karaf.bundle", "target/none.jar"));
        Path features = Path.of(System.getProperty("testing.karaf.features", "target/none.xml"));
        assertTrue(Files.isRegularFile(features), "the features file (mvn package) at " + features);
        try (HighLevelSandbox sandbox = new HighLevelSandbox(); KarafInstance karaf = KarafInstance.unpack()) {
            // the project's artifacts in a Maven layout, as a repository Karaf reaches would hold them
            String version = System.getProperty("testing.project.version");
            Path repo = Files.createTempDirectory("maven-repo-");
            Path dir = Files.createDirectories(repo.resolve("io/hlbridge/highlevel-icloud-bridge/" + version));
            Files.copy(bundle, dir.resolve("highlevel-icloud-bridge-" + version + "-karaf.jar"));
            Files.copy(features, dir.resolve("highlevel-icloud-bridge-" + version + "-features.xml"));
            karaf.addLocalRepository(repo);
            Map<String, String> cfg = new LinkedHashMap<>(BridgeHarness.properties(sandbox, URI.create("http://127.0.0.1:9/"),
                    Files.createTempDirectory("unused-")));
            cfg.remove("bridge.db.url");
            // first a mistake: the bridge does not start and Karaf's log says which key and how to fix it
            Map<String, String> wrong = new LinkedHashMap<>(cfg);
            wrong.put("sync.poll-interval", "60");
            karaf.configuration("io.hlbridge", wrong);
            karaf.start();
            String out = karaf.console("feature:repo-add mvn:io.hlbridge/highlevel-icloud-bridge/" + version
                    + "/xml/features\nfeature:install hlbridge\nbundle:list -s");
            assertTrue(out.lines().anyMatch(l -> l.contains("io.hlbridge.bridge") && l.contains("Active")), out);
            Await.until(Duration.ofSeconds(60), karaf::log,
                    l -> l.contains("sync.poll-interval: '60' has no unit; write 60s for seconds"), "the mistake logged");
            assertFalse(karaf.log().contains("\tat "), "reported without a stack trace");
            // then the corrected configuration starts it
            karaf.configuration("io.hlbridge", cfg);
            int port = Integer.parseInt(cfg.get("camel.server.port"));
            Await.until(Duration.ofSeconds(60), () -> post("http://127.0.0.1:" + port + "/webhooks/highlevel"),
                    s -> s == 401, "the webhook route (unsigned: 401)");
            assertTrue(karaf.stop(Duration.ofSeconds(60)), "Karaf ended after bin/stop");
            assertTrue(karaf.processes().isEmpty(), "no Karaf process left");
        }
    }

    private static int post(String url) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
