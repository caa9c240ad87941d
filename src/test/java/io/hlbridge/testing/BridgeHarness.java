package io.hlbridge.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hlbridge.BridgeApplication;
import io.hlbridge.caldav.CalDavClient;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.store.Database;
import io.hlbridge.store.InboxStore;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;

/**
 * The bridge as shipped (camel-main, the YAML routes in routes/, BridgeConfiguration), started in this JVM with
 * properties for a sandbox and a CalDAV server. Properties are override properties, never system properties,
 * so tests do not leak configuration into each other.
 */
public final class BridgeHarness implements AutoCloseable {
    private final Main main;
    private final int port;
    private final Map<String, String> properties;

    private BridgeHarness(Map<String, String> properties) throws Exception {
        this.properties = properties;
        this.port = Integer.parseInt(properties.get("camel.server.port"));
        this.main = BridgeApplication.newMain();
        properties.forEach(main::addOverrideProperty);
        main.start();
        Ports.awaitListening(port, java.time.Duration.ofSeconds(30), null);
    }

    /** Properties of a bridge with connection "alice" (and "bob") against the given sandbox and server. */
    public static Map<String, String> properties(HighLevelSandbox sandbox, URI caldavUrl, Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.server.port", String.valueOf(Ports.free()));
        p.put("camel.management.port", String.valueOf(Ports.free()));
        p.put("highlevel.api-url", sandbox.url().toString());
        p.put("highlevel.webhook.ed25519-public-key", sandbox.webhookPublicKey());
        p.put("icloud.caldav-url", caldavUrl.toString());
        p.put("bridge.db.url", "jdbc:h2:file:" + dataDir.resolve("bridge").toAbsolutePath());
        p.put("bridge.inbox.sweep-interval", "200ms");
        p.put("bridge.retry.initial-delay", "200ms");
        p.put("bridge.retry.max-delay", "3s");
        p.put("camel.main.name", "bridge-" + p.get("camel.server.port"));
        connection(p, "alice", "L1", "U1", "alice", "Work");
        return p;
    }

    public static void connection(Map<String, String> p, String name, String location, String user, String appleId,
            String linkedCalendar) {
        p.put("connections." + name + ".location-id", location);
        p.put("connections." + name + ".user-id", user);
        p.put("connections." + name + ".highlevel-token", TestSecrets.HIGHLEVEL_TOKEN);
        p.put("connections." + name + ".apple-id", appleId);
        p.put("connections." + name + ".app-password", TestSecrets.APP_PASSWORD);
        p.put("connections." + name + ".linked-calendar", linkedCalendar);
    }

    public static BridgeHarness start(Map<String, String> properties) throws Exception {
        return new BridgeHarness(properties);
    }

    public URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + port + properties.getOrDefault("highlevel.webhook.path",
                "/webhooks/highlevel"));
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public BridgeMetrics metrics() {
        return context().getRegistry().lookupByNameAndType("bridgeMetrics", BridgeMetrics.class);
    }

    public InboxStore inbox() {
        return context().getRegistry().lookupByNameAndType("inboxStore", InboxStore.class);
    }

    public Database database() {
        return context().getRegistry().lookupByNameAndType("bridgeDatabase", Database.class);
    }

    public CalDavClient calDavClient() {
        return context().getRegistry().lookupByNameAndType("calDavClient", CalDavClient.class);
    }

    /**
     * Counts {@code n} exchanges of route {@code routeId} that end from now on (Camel's NotifyBuilder): "in the next
     * three polling rounds" as a test says it, instead of a sleep of three intervals. Create it before what it
     * watches, then {@link #await}.
     */
    public NotifyBuilder exchanges(String routeId, int n) {
        return new NotifyBuilder(context()).fromRoute(routeId).whenDone(n).create();
    }

    /** Waits (up to a minute) until each of {@code counts} is reached. */
    public static void await(NotifyBuilder... counts) {
        for (NotifyBuilder c : counts) {
            if (!c.matches(60, TimeUnit.SECONDS)) {
                throw new AssertionError("Timed out after a minute waiting for " + c);
            }
        }
    }

    /** Waits until every calendar of an Apple ID was polled twice more: at least one poll began after this call. */
    public void awaitAnotherPoll() {
        await(exchanges("poll-apple-id", 2));
    }

    /** Waits until nothing runs in {@code routeIds}: the polls and writes under way have ended. */
    public void awaitIdle(String... routeIds) throws Exception {
        Await.until(Duration.ofSeconds(60), () -> Arrays.stream(routeIds)
                .mapToInt(r -> context().getInflightRepository().size(r)).sum(), n -> n == 0, "no exchange in flight");
    }

    /** Waits until the inbox holds no pending work: every webhook so far was applied, skipped or parked. */
    public void awaitInboxApplied() throws Exception {
        Await.until(Duration.ofSeconds(60), () -> inbox().countByStatus().get(InboxStore.Status.PENDING), n -> n == 0,
                "no pending inbox work");
    }

    @Override
    public void close() {
        main.stop();
    }
}
