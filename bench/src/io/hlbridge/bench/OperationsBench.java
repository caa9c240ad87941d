package io.hlbridge.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

/**
 * The operations figures: many connections stored through the admin API (create rate, a full poll round, the heap
 * after it, the connection list and the status page an operator opens), and the webhook → CalDAV PUT latency that
 * the {@code bridge_webhook_to_caldav_seconds} histogram reports at a steady 100 webhooks/s against Radicale.
 * Arguments: {@code [scale] [parts]}, parts a comma-separated choice of connections, latency (both by default).
 */
public final class OperationsBench {

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        String parts = args.length > 1 ? args[1] : "connections,latency";
        if (parts.contains("connections")) {
            storedConnections(Math.max(200, (int) (10_000 * scale)), 4);
        }
        if (parts.contains("latency")) {
            webhookLatency(100, Math.max(5, (int) (60 * scale)));
        }
        System.exit(0);
    }

    // ---- 1. many stored connections -----------------------------------------------------------------------

    /**
     * {@code n} connections created through {@code POST /admin/api/connections} from {@code creators} threads (each
     * create runs discovery against a CalDAV responder that answers at once and reads the location's users from the
     * sandbox, 100 users per location), by a bridge that polls once an hour; the two operator views timed there.
     * Then a second bridge on the same store, polling every 100 ms (each calendar is due again as soon as it was
     * polled, so the round's rate is the figure): every connection polled twice (discovery, first sync), one full
     * round timed, the heap after a GC, and the views timed again while the polling goes on flat out.
     */
    static List<Table> storedConnections(int n, int creators) throws Exception {
        HttpServer responder = PollBench.instantResponder();
        int locations = Math.max(1, n / 100);
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            for (int l = 0; l < locations; l++) {
                sandbox.addLocation("L" + l, "UTC", "token-" + l);
            }
            for (int i = 0; i < n; i++) {
                sandbox.addUser("L" + (i % locations), "U" + i, "User " + i, "user" + i + "@example.com");
            }
            Map<String, String> p = BridgeHarness.properties(sandbox,
                    URI.create("http://127.0.0.1:" + responder.getAddress().getPort() + "/"),
                    Files.createTempDirectory("bench-connections-"));
            p.keySet().removeIf(k -> k.startsWith("connections."));
            p.put("bridge.secret-key", TestSecrets.SECRET_KEY);
            p.put("bridge.admin.token", TestSecrets.ADMIN_TOKEN);
            p.put("sync.poll-interval", "1h");
            p.put("sync.poll-concurrency", "16");
            p.put("sync.reconcile-interval", "1h"); // the reconciliation's HighLevel reads stay out of the figure
            p.put("highlevel.oauth.shared-secret", sandbox.appShell().sharedSecret());
            URI admin = URI.create("http://127.0.0.1:" + p.get("camel.management.port") + "/");
            Table round = new Table("connections stored", "created /s", "create p50 ms", "create p99 ms", "refused",
                    "polls in the round", "round s", "polls /s", "failed polls", "heap after GC MiB");
            Table views = new Table("view", "while", "requests", "answer KB", "p50 ms", "p99 ms", "max ms");
            long[] create = new long[n];
            AtomicInteger refused = new AtomicInteger();
            double createSecs;
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                long start = System.nanoTime();
                BenchSupport.inParallel(n, creators, i -> {
                    String body = "{\"name\":\"c" + i + "\",\"locationId\":\"L" + (i % locations) + "\",\"userId\":\"U" + i
                            + "\",\"appleId\":\"user" + i + "@example.com\",\"appPassword\":\"" + TestSecrets.APP_PASSWORD
                            + "\",\"linkedCalendar\":\"Calendar\",\"highlevelToken\":\"token-" + (i % locations) + "\"}";
                    long s = System.nanoTime();
                    Answer a = send("POST", admin.resolve("/admin/api/connections"), body);
                    create[i] = System.nanoTime() - s;
                    if (a.status() != 201 && refused.incrementAndGet() <= 3) {
                        System.out.println("create c" + i + " answered " + a.status() + ": " + a.text());
                    }
                });
                createSecs = (System.nanoTime() - start) / 1e9;
                Arrays.sort(create);
                timedViews(admin, views, "polls hourly");
                connectPage(sandbox, URI.create("http://127.0.0.1:" + p.get("camel.server.port") + "/connect"), n,
                        locations, views);
            }
            p.put("sync.poll-interval", "100ms");
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (bridge.metrics().count(BridgeMetrics.POLLS_STARTED) < 2L * n && System.nanoTime() < deadline) {
                    Thread.sleep(50); // warm-up: discovery of every connection, its first sync
                }
                long roundStart = bridge.metrics().count(BridgeMetrics.POLLS_STARTED);
                long failedBefore = bridge.metrics().count(BridgeMetrics.POLLS, "failed");
                long t0 = System.nanoTime();
                while (bridge.metrics().count(BridgeMetrics.POLLS_STARTED) < roundStart + n && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                double roundSecs = (System.nanoTime() - t0) / 1e9;
                long polls = bridge.metrics().count(BridgeMetrics.POLLS_STARTED) - roundStart;
                long failed = bridge.metrics().count(BridgeMetrics.POLLS, "failed") - failedBefore;
                System.gc();
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                round.row(n, String.format("%.0f", n / createSecs), BenchSupport.ms(Table.percentile(create, 50)),
                        BenchSupport.ms(Table.percentile(create, 99)), refused.get(), polls,
                        String.format("%.1f", roundSecs), String.format("%.0f", polls / roundSecs), failed, heap >> 20);
                timedViews(admin, views, "polled flat out");
            }
            round.print(n + " connections created through the admin API; then, restarted, one full poll round (instant"
                    + " CalDAV responder; heap of the one JVM that holds bridge, sandbox and benchmark)");
            views.print("What an operator opens, " + n + " connections");
            return List.of(round, views);
        } finally {
            responder.stop(0);
        }
    }

    private static void timedViews(URI admin, Table views, String label) throws Exception {
        timed(admin.resolve("/admin/api/connections"), 100, views, "GET /admin/api/connections (a page of 100)", label);
        timed(admin.resolve("/admin/api/connections?limit=1000"), 30, views, "GET /admin/api/connections?limit=1000",
                label);
        timed(admin.resolve("/status"), 30, views, "GET /status", label);
    }

    /**
     * The connect page with {@code n} stored connections: 500 sign-ins (HighLevel's encrypted user context traded for a
     * session; each location's user list read from HighLevel once, then kept), each followed by the user's view.
     * Timed at the client on loopback, so network time is near nothing.
     */
    private static void connectPage(HighLevelSandbox sandbox, URI page, int n, int locations, Table views)
            throws Exception {
        int count = 500;
        long[] signIn = new long[count];
        long[] view = new long[count];
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int user = (int) ((long) i * 7919 % n);
            String payload = sandbox.appShell().payload("U" + user, "L" + (user % locations), "user",
                    sandbox.appShell().sharedSecret());
            long s = System.nanoTime();
            Answer a = send("POST", page.resolve("/connect/session"), "{\"payload\":\"" + payload + "\"}");
            signIn[i] = System.nanoTime() - s;
            if (a.status() != 200) {
                throw new IllegalStateException("sign-in answered " + a.status() + ": " + a.text());
            }
            String session = a.text().replaceAll(".*\"session\":\"([^\"]+)\".*", "$1");
            HttpURLConnection c = (HttpURLConnection) page.resolve("/connect/view").toURL().openConnection();
            c.setRequestProperty("Authorization", "Bearer " + session);
            s = System.nanoTime();
            try (InputStream in = c.getInputStream()) {
                bytes = in.readAllBytes().length;
            }
            view[i] = System.nanoTime() - s;
        }
        Arrays.sort(signIn);
        Arrays.sort(view);
        views.row("POST /connect/session (user context -> session)", "polls hourly", count, 0,
                BenchSupport.ms(Table.percentile(signIn, 50)), BenchSupport.ms(Table.percentile(signIn, 99)),
                BenchSupport.ms(signIn[count - 1]));
        views.row("GET /connect/view (the user's own connection)", "polls hourly", count, bytes >> 10,
                BenchSupport.ms(Table.percentile(view, 50)), BenchSupport.ms(Table.percentile(view, 99)),
                BenchSupport.ms(view[count - 1]));
    }

    /** {@code count} GETs after 5 untimed; adds their row to {@code t}. */
    private static void timed(URI url, int count, Table t, String label, String load) throws Exception {
        for (int i = 0; i < 5; i++) {
            send("GET", url, null);
        }
        long[] lat = new long[count];
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            long s = System.nanoTime();
            Answer a = send("GET", url, null);
            lat[i] = System.nanoTime() - s;
            if (a.status() != 200) {
                throw new IllegalStateException(label + " answered " + a.status());
            }
            bytes = a.text().getBytes(StandardCharsets.UTF_8).length;
        }
        Arrays.sort(lat);
        t.row(label, load, count, bytes >> 10, BenchSupport.ms(Table.percentile(lat, 50)),
                BenchSupport.ms(Table.percentile(lat, 99)), BenchSupport.ms(lat[lat.length - 1]));
    }

    record Answer(int status, String text) {
    }

    /** One admin request with the bearer token, on the calling thread. */
    static Answer send(String method, URI url, String json) throws Exception {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setRequestMethod(method);
        c.setRequestProperty("Authorization", "Bearer " + TestSecrets.ADMIN_TOKEN);
        if (json != null) {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(b.length);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(b);
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    // ---- 2. webhook -> CalDAV PUT latency -------------------------------------------------------------------

    /**
     * Radicale's own PUT rate first (a plain client, 8 at a time, as many calendars), then the bridge: an untimed
     * warm-up, and {@code seconds} of webhooks at a steady rate (open loop, as in the intake benchmark), first at a
     * rate Radicale sustains (half its own: the calendars grow during the run, and its cost per PUT with them), then
     * at {@code perSecond}. One calendar per HighLevel location (20 locations, so HighLevel's 10 requests/s per
     * location leave room: each appointment is read once), each connection its own Apple ID, as in iCloud. The
     * percentiles are read from the bridge's own histogram, as Prometheus would (the upper bound of the bucket
     * holding the quantile, counting only what was recorded between two snapshots); the mean is the timer's own.
     */
    static Table webhookLatency(int perSecond, int seconds) throws Exception {
        int locations = 20;
        List<String> users = new ArrayList<>();
        for (int l = 0; l < locations; l++) {
            users.add("user" + l);
        }
        try (RadicaleServer radicale = new RadicaleServer().withUsers(users); HighLevelSandbox sandbox = new HighLevelSandbox()) {
            radicale.start();
            List<URI> raw = new ArrayList<>();
            for (int l = 0; l < locations; l++) {
                raw.add(radicale.mkcalendar(CalDavServer.USER, "raw" + l, "Raw " + l));
            }
            int rawCount = Math.max(100, perSecond * seconds / 3);
            List<String> events = EndToEndBench.renderedAppointments(rawCount, locations);
            long t0 = System.nanoTime();
            EndToEndBench.putAll(radicale, raw, events, 8);
            double rawRate = rawCount / ((System.nanoTime() - t0) / 1e9);

            Map<String, String> p = BridgeHarness.properties(sandbox, radicale.baseUrl(),
                    Files.createTempDirectory("bench-latency-"));
            p.keySet().removeIf(k -> k.startsWith("connections."));
            p.put("sync.poll-interval", "1h"); // the iCloud -> HighLevel direction stays out of the figure
            for (int l = 0; l < locations; l++) {
                String user = users.get(l);
                sandbox.addLocation("L" + l, "UTC", "token-" + l);
                sandbox.addCalendar("RR" + l, "L" + l, "round_robin");
                radicale.mkcalendar(user, "cal", "Calendar");
                BridgeHarness.connection(p, "u" + l, "L" + l, "U" + l, user, "Calendar");
                p.put("connections.u" + l + ".highlevel-token", "token-" + l);
            }
            int sustained = Math.max(1, Math.min(perSecond, (int) (rawRate * 0.5)));
            Table t = new Table("webhooks /s offered", "Radicale's own PUT /s", "timed webhooks", "events written",
                    "p50 ms (bucket ≤)", "p99 ms (bucket ≤)", "mean ms", "429 answers");
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS);
                int booked = 0;
                int warm = Math.max(50, sustained * seconds / 2);
                IntakeBench.paced(bridge.webhookUrl(), book(sandbox, warm, booked, locations, day), sustained);
                booked += warm;
                awaitPuts(bridge, booked);
                for (int rate : sustained < perSecond ? List.of(sustained, perSecond) : List.of(perSecond)) {
                    int n = rate * seconds;
                    List<HighLevelSandbox.SignedWebhook> timed = book(sandbox, n, booked, locations, day);
                    booked += n;
                    HistogramSnapshot before = bridge.metrics().timer(BridgeMetrics.WEBHOOK_TO_CALDAV).takeSnapshot();
                    IntakeBench.paced(bridge.webhookUrl(), timed, rate);
                    awaitPuts(bridge, booked);
                    awaitTimed(bridge, before.count() + n); // a write of the warm-up timed late is not one of these
                    HistogramSnapshot after = bridge.metrics().timer(BridgeMetrics.WEBHOOK_TO_CALDAV).takeSnapshot();
                    long count = after.count() - before.count();
                    t.row(rate, String.format("%.0f", rawRate), n, count, bucket(before, after, 0.50),
                            bucket(before, after, 0.99), String.format("%.1f", (after.total(TimeUnit.MILLISECONDS)
                                    - before.total(TimeUnit.MILLISECONDS)) / count), sandbox.tooManyRequests());
                }
            }
            t.print("Webhook → CalDAV PUT latency at a steady rate against Radicale (" + locations + " locations and"
                    + " Apple IDs; the bridge_webhook_to_caldav_seconds histogram)");
            return t;
        }
    }

    private static List<HighLevelSandbox.SignedWebhook> book(HighLevelSandbox sandbox, int n, int offset, int locations,
            Instant day) throws Exception {
        List<HighLevelSandbox.SignedWebhook> hooks = new ArrayList<>();
        for (int i = offset; i < offset + n; i++) {
            int l = i % locations;
            Instant s = day.plus(i / locations * 30L, ChronoUnit.MINUTES);
            ObjectNode a = sandbox.book(Map.of("calendarId", "RR" + l, "locationId", "L" + l, "assignedUserId", "U" + l,
                    "startTime", s.toString(), "endTime", s.plus(30, ChronoUnit.MINUTES).toString(), "title",
                    "Latency " + i, "users", List.of()), false);
            hooks.add(sandbox.webhook("AppointmentCreate", a));
        }
        return hooks;
    }

    /** Waits until {@code writes} appointments were written and timed (the timer is recorded after the PUT). */
    private static void awaitPuts(BridgeHarness bridge, long writes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put") < writes
                || bridge.metrics().timer(BridgeMetrics.WEBHOOK_TO_CALDAV).count() < writes) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put")
                        + " of " + writes + " events written in 10 minutes");
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the webhook → PUT timer holds {@code count} records. */
    private static void awaitTimed(BridgeHarness bridge, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (bridge.metrics().timer(BridgeMetrics.WEBHOOK_TO_CALDAV).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + bridge.metrics().timer(BridgeMetrics.WEBHOOK_TO_CALDAV)
                        .count() + " of " + count + " writes timed in 10 minutes");
            }
            Thread.sleep(20);
        }
    }

    /** The upper bound (ms) of the bucket holding quantile {@code q} of what was recorded between the snapshots. */
    static String bucket(HistogramSnapshot before, HistogramSnapshot after, double q) {
        CountAtBucket[] a = after.histogramCounts();
        CountAtBucket[] b = before.histogramCounts();
        double total = after.count() - before.count();
        for (int i = 0; i < a.length; i++) {
            double below = a[i].count() - (i < b.length ? b[i].count() : 0);
            if (below >= q * total) {
                return String.format("%.0f", a[i].bucket(TimeUnit.MILLISECONDS));
            }
        }
        return "> " + String.format("%.0f", a[a.length - 1].bucket(TimeUnit.MILLISECONDS));
    }
}
