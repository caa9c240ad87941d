package io.hlbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.ical.EventDetails;
import io.hlbridge.observe.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.LoopbackServer;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;

/**
 * The issue's three figures, measured in one run: webhook intake, end-to-end sync against Radicale beside
 * Radicale's raw PUT rate at the same concurrency, and the bridge's CPU per appointment against a PUT sink.
 * Arguments: {@code [scale] [parts]}: scale 1.0 by default (CI runs a smoke with a small scale), parts a
 * comma-separated choice of intake, e2e, cpu (all by default).
 */
public final class BridgeBench {

    public static void main(String[] args) throws Exception {
        System.setProperty("http.maxConnections", "100"); // keep-alive for every sender thread of post()
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        String parts = args.length > 1 ? args[1] : "intake,e2e,cpu";
        if (parts.contains("intake")) {
            intake((int) (20_000 * scale), 32);
        }
        if (parts.contains("e2e")) {
            endToEnd((int) (600 * scale), 3, (int) (10_000 * scale), 8);
        }
        if (parts.contains("cpu")) {
            cpuPerAppointment((int) (2_000 * scale), 5, (int) (30_000 * scale));
        }
        System.exit(0);
    }

    // ---- 1. webhook intake ------------------------------------------------------------------------------

    static Table intake(int n, int concurrency) throws Exception {
        int warmUp = Math.min(2_000, n);
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            Map<String, String> p = BridgeHarness.properties(sandbox, URI.create("http://127.0.0.1:9/"),
                    Files.createTempDirectory("bench-intake-"));
            p.put("camel.main.routes-include-pattern", "file:routes/highlevel-webhook.camel.yaml");
            sandbox.addLocation("L1", "UTC", TestSecrets.HIGHLEVEL_TOKEN);
            sandbox.addCalendar("RR1", "L1", "round_robin");
            List<HighLevelSandbox.SignedWebhook> hooks = new ArrayList<>();
            ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                    "startTime", "2026-12-01T10:00:00Z", "endTime", "2026-12-01T11:00:00Z", "title", "x",
                    "users", List.of()), false);
            for (int i = 0; i < 2 * n + warmUp; i++) { // timed back to back, warm-up, timed paced
                hooks.add(sandbox.webhook("AppointmentUpdate", a));
            }
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                blast(bridge.webhookUrl(), hooks.subList(n, n + warmUp), concurrency); // warm-up
                Table t = new Table("load", "webhooks", "answered 200 (stored)", "throughput /s", "p50 ms", "p99 ms",
                        "max ms");
                long stored = bridge.metrics().count(BridgeMetrics.WEBHOOKS, "stored");
                long start = System.nanoTime();
                long[] lat = blast(bridge.webhookUrl(), hooks.subList(0, n), concurrency);
                double secs = (System.nanoTime() - start) / 1e9;
                t.row(concurrency + " clients, back to back", n, bridge.metrics().count(BridgeMetrics.WEBHOOKS, "stored") - stored,
                        String.format("%.0f", n / secs), ms(Table.percentile(lat, 50)), ms(Table.percentile(lat, 99)),
                        ms(lat[lat.length - 1]));
                stored = bridge.metrics().count(BridgeMetrics.WEBHOOKS, "stored");
                start = System.nanoTime();
                lat = paced(bridge.webhookUrl(), hooks.subList(n + warmUp, 2 * n + warmUp), 1_000);
                secs = (System.nanoTime() - start) / 1e9;
                t.row("1,000 /s offered", n, bridge.metrics().count(BridgeMetrics.WEBHOOKS, "stored") - stored,
                        String.format("%.0f", n / secs), ms(Table.percentile(lat, 50)), ms(Table.percentile(lat, 99)),
                        ms(lat[lat.length - 1]));
                t.print("Webhook intake (signed, verified, committed to H2 before 200); paced latency counted from"
                        + " when each webhook was due");
                return t;
            }
        }
    }

    /**
     * Open loop: webhook i is due at start + i/rate s whatever the answers do, and its latency is counted from when
     * it was due, so a slow answer cannot hide the ones queued behind it (a send made late counts against the
     * bridge). 64 sender threads take the webhooks in order, each posting when its next one is due; that is more in
     * flight than 1,000/s needs at the latencies the issue allows, and each sender costs little CPU (unlike
     * java.net.http's asynchronous client, whose own threads took a good share of the 2 cores at this rate).
     */
    static long[] paced(URI url, List<HighLevelSandbox.SignedWebhook> hooks, int perSecond) throws Exception {
        long[] lat = new long[hooks.size()];
        AtomicInteger failures = new AtomicInteger();
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        inParallel(hooks.size(), 64, i -> {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int status = post(url, hooks.get(i));
            lat[i] = System.nanoTime() - due;
            if (status != 200) {
                failures.incrementAndGet();
            }
        });
        if (failures.get() > 0) {
            System.out.println("non-200 answers: " + failures.get());
        }
        Arrays.sort(lat);
        return lat;
    }

    static long[] blast(URI url, List<HighLevelSandbox.SignedWebhook> hooks, int concurrency) throws Exception {
        long[] lat = new long[hooks.size()];
        AtomicInteger failures = new AtomicInteger();
        inParallel(hooks.size(), concurrency, i -> {
            long s = System.nanoTime();
            int status = post(url, hooks.get(i));
            lat[i] = System.nanoTime() - s;
            if (status != 200) {
                failures.incrementAndGet();
            }
        });
        if (failures.get() > 0) {
            System.out.println("non-200 answers: " + failures.get());
        }
        Arrays.sort(lat);
        return lat;
    }

    /**
     * Posts one webhook from the calling thread (HttpURLConnection, kept alive). Not java.net.http: its own selector
     * and worker threads spent enough CPU to starve the bridge at 1,000/s, and their names made the CPU figure count
     * them as the bridge's while the bridge used that client too.
     */
    static int post(URI url, HighLevelSandbox.SignedWebhook w) throws java.io.IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) url.toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(w.body().length);
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty("x-ghl-signature", w.signature());
        try (java.io.OutputStream out = c.getOutputStream()) {
            out.write(w.body());
        }
        int status = c.getResponseCode();
        try (java.io.InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes(); // read to the end, so the connection goes back to the keep-alive cache
            }
        }
        return status;
    }

    /** One step of a parallel loop. */
    interface Step {
        void run(int i) throws Exception;
    }

    /** Runs {@code step} for 0 ≤ i < count on {@code concurrency} threads, each taking the next i; rethrows a failure. */
    static void inParallel(int count, int concurrency, Step step) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                fs.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count;) {
                        step.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    // ---- 2. end to end against Radicale -----------------------------------------------------------------

    /**
     * Untimed warm-up on both sides, then {@code rounds} pairs of timed phases taken in turn: {@code n} raw PUTs into
     * a fresh set of calendars, then {@code n} appointments through the bridge into another fresh set. Radicale's
     * rate drifts during a run, so each pair is compared on its own and the totals over all pairs are given too.
     */
    static Table endToEnd(int n, int rounds, int warmUp, int concurrency) throws Exception {
        int locations = 40; // an agency's sub-accounts: HighLevel's 10 requests/s apply per location
        try (CalDavServer radicale = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox()) {
            // The raw client PUTs what the bridge will write (the same rendering of the same kind of appointment,
            // If-None-Match: *). Every phase writes into calendars of its own, so timed PUTs on both sides meet
            // calendars of the same size: Radicale's cost per PUT grows with the calendar, while the warm-up must be
            // long enough for the JIT to finish.
            List<URI> rawWarm = new ArrayList<>();
            List<List<URI>> rawTimed = new ArrayList<>();
            for (int l = 0; l < locations; l++) {
                rawWarm.add(radicale.mkcalendar(CalDavServer.USER, "rawwarm" + l, "Raw warm-up " + l));
            }
            for (int r = 0; r < rounds; r++) {
                List<URI> set = new ArrayList<>();
                for (int l = 0; l < locations; l++) {
                    set.add(radicale.mkcalendar(CalDavServer.USER, "raw" + r + "x" + l, "Raw " + r + " " + l));
                }
                rawTimed.add(set);
            }
            List<String> rawEvents = renderedAppointments(warmUp + n, locations);
            putAll(radicale, rawWarm, rawEvents.subList(n, n + warmUp), concurrency);

            Map<String, String> p = BridgeHarness.properties(sandbox, radicale.baseUrl(),
                    Files.createTempDirectory("bench-e2e-"));
            p.put("sync.concurrency", String.valueOf(concurrency));
            p.put("bridge.inbox.sweep-interval", "1s");
            p.keySet().removeIf(k -> k.startsWith("connections."));
            p.put("sync.poll-interval", "1h"); // the iCloud -> HighLevel direction stays out of the figure
            // In each location, user W<l> takes the warm-up appointments into calendar "Warm <l>", and user
            // T<r>_<l> the timed ones of round r into "Timed <r> <l>"; all are booked in the same HighLevel calendar.
            List<String> prefixes = new ArrayList<>(List.of("W"));
            for (int r = 0; r < rounds; r++) {
                prefixes.add("T" + r + "_");
            }
            for (int l = 0; l < locations; l++) {
                String loc = "L" + l;
                sandbox.addLocation(loc, "UTC", "token-" + l);
                sandbox.addCalendar("RR" + l, loc, "round_robin");
                for (String prefix : prefixes) {
                    String name = prefix.toLowerCase().replace("_", "x") + l;
                    String calendar = (prefix.equals("W") ? "Warm " : "Timed " + prefix.substring(1, prefix.length() - 1)
                            + " ") + l;
                    radicale.mkcalendar(CalDavServer.USER, name + "cal", calendar);
                    BridgeHarness.connection(p, name, loc, prefix + l, CalDavServer.USER, calendar);
                    p.put("connections." + name + ".highlevel-token", "token-" + l);
                }
            }
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                // booked after the start-up reconciliation ran, so every appointment travels by its webhook
                Thread.sleep(3_000);
                List<HighLevelSandbox.SignedWebhook> warm = bookAndSign(sandbox, "W", warmUp, locations);
                blast(bridge.webhookUrl(), warm, concurrency);
                while (bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put") < warmUp) {
                    Thread.sleep(20);
                }
                Table t = new Table("round", "appointments (after untimed)", "concurrency", "Radicale raw PUT /s",
                        "bridge webhook→PUT /s", "bridge / raw", "CPU ms per event, raw: Radicale / JVM",
                        "CPU ms per event, bridge: Radicale / JVM");
                double rawSeconds = 0;
                double bridgeSeconds = 0;
                for (int r = 0; r < rounds; r++) {
                    List<HighLevelSandbox.SignedWebhook> timed = bookAndSign(sandbox, "T" + r + "_", n, locations);
                    long[] cpu0 = cpu(radicale);
                    long s0 = System.nanoTime();
                    putAll(radicale, rawTimed.get(r), rawEvents.subList(0, n), concurrency);
                    double raw = (System.nanoTime() - s0) / 1e9;
                    long[] rawCpu = since(cpu0, cpu(radicale));

                    long[] cpu1 = cpu(radicale);
                    long s1 = System.nanoTime();
                    blast(bridge.webhookUrl(), timed, concurrency);
                    while (bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put") < (long) warmUp + (long) (r + 1) * n) {
                        Thread.sleep(20);
                    }
                    double viaBridge = (System.nanoTime() - s1) / 1e9;
                    long[] bridgeCpu = since(cpu1, cpu(radicale));
                    rawSeconds += raw;
                    bridgeSeconds += viaBridge;
                    t.row(r + 1, n + " (" + warmUp + ")", concurrency, String.format("%.0f", n / raw),
                            String.format("%.0f", n / viaBridge), String.format("%.0f%%", 100 * raw / viaBridge),
                            String.format("%.1f / %.1f", rawCpu[0] / 1e6 / n, rawCpu[1] / 1e6 / n),
                            String.format("%.1f / %.1f", bridgeCpu[0] / 1e6 / n, bridgeCpu[1] / 1e6 / n));
                }
                t.row("all", rounds * n, concurrency, String.format("%.0f", rounds * n / rawSeconds),
                        String.format("%.0f", rounds * n / bridgeSeconds),
                        String.format("%.0f%%", 100 * rawSeconds / bridgeSeconds), "", "");
                t.print("End to end against Radicale (" + locations + " locations, HighLevel 429s: "
                        + sandbox.tooManyRequests() + "); the JVM holds the bridge, the sandbox, the clients and the"
                        + " JIT, on the same 2 cores as Radicale");
                return t;
            }
        }
    }

    /** Books {@code count} appointments for users {@code <prefix><l>} across the locations, and signs their webhooks. */
    static List<HighLevelSandbox.SignedWebhook> bookAndSign(HighLevelSandbox sandbox, String userPrefix, int count,
            int locations) throws Exception {
        List<HighLevelSandbox.SignedWebhook> hooks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int l = i % locations;
            ObjectNode a = sandbox.book(Map.of("calendarId", "RR" + l, "locationId", "L" + l, "assignedUserId",
                    userPrefix + l, "startTime", "2026-12-01T10:00:00Z", "endTime", "2026-12-01T11:00:00Z",
                    "title", "Appointment " + userPrefix + i, "users", List.of()), false);
            hooks.add(sandbox.webhook("AppointmentCreate", a));
        }
        return hooks;
    }

    /** CPU nanoseconds used so far by the CalDAV server's process and by this JVM. */
    static long[] cpu(CalDavServer server) {
        return new long[] {server.cpuTime().toNanos(), ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime()};
    }

    static long[] since(long[] before, long[] after) {
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    /** The iCalendar text the bridge writes for appointments like the end-to-end ones (booked in a scratch sandbox). */
    static List<String> renderedAppointments(int n, int locations) throws Exception {
        List<String> out = new ArrayList<>();
        AppointmentToVEvent render = new AppointmentToVEvent(EventDetails.FULL);
        try (HighLevelSandbox scratch = new HighLevelSandbox()) {
            for (int l = 0; l < locations; l++) {
                scratch.addLocation("L" + l, "UTC", "token-" + l);
                scratch.addCalendar("RR" + l, "L" + l, "round_robin");
            }
            for (int i = 0; i < n; i++) {
                int l = i % locations;
                ObjectNode a = scratch.book(Map.of("calendarId", "RR" + l, "locationId", "L" + l, "assignedUserId",
                        "U" + l, "startTime", "2026-12-01T10:00:00Z", "endTime", "2026-12-01T11:00:00Z",
                        "title", "E2E " + i, "users", List.of()), false);
                out.add(render.toCalendar(Appointment.fromJson(a, "L" + l), ZoneOffset.UTC, 0, Instant.now()).ics());
            }
        }
        return out;
    }

    /** Creates each event (If-None-Match: *) with a plain HTTP client, {@code concurrency} requests at a time. */
    static void putAll(CalDavServer server, List<URI> calendars, List<String> events, int concurrency) throws Exception {
        inParallel(events.size(), concurrency, i -> {
            URI resource = calendars.get(i % calendars.size()).resolve("raw-" + UUID.randomUUID() + ".ics");
            int status = server.send("PUT", resource, events.get(i), Map.of("Content-Type",
                    "text/calendar; charset=utf-8", "If-None-Match", "*")).statusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("raw PUT answered " + status);
            }
        });
    }

    // ---- 3. CPU per appointment against a PUT sink ------------------------------------------------------

    /** {@code rounds} timed rounds of {@code n} appointments each, after {@code warmUp} untimed; each round printed. */
    static Table cpuPerAppointment(int n, int rounds, int warmUp) throws Exception {
        HttpServer sink = sink();
        int locations = 40;
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            Map<String, String> p = BridgeHarness.properties(sandbox,
                    URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/"), Files.createTempDirectory("bench-cpu-"));
            p.keySet().removeIf(k -> k.startsWith("connections."));
            p.put("sync.poll-interval", "1h"); // the iCloud -> HighLevel direction stays out of the figure
            for (int l = 0; l < locations; l++) {
                sandbox.addLocation("L" + l, "UTC", "token-" + l);
                sandbox.addCalendar("RR" + l, "L" + l, "round_robin");
                BridgeHarness.connection(p, "c" + l, "L" + l, "U" + l, "sink", "Sink");
                p.put("connections.c" + l + ".highlevel-token", "token-" + l);
            }
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                Thread.sleep(3_000); // the start-up poll and reconciliation run on an empty sandbox, before the figure
                List<HighLevelSandbox.SignedWebhook> hooks = bookAndSign(sandbox, "U", warmUp + rounds * n, locations);
                // untimed first, so the figure is the compiled code's and does not depend on what ran before it
                blast(bridge.webhookUrl(), hooks.subList(0, warmUp), 8);
                while (bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put") < warmUp) {
                    Thread.sleep(20);
                }
                Table t = new Table("round", "appointments (after untimed)", "bridge CPU total ms", "CPU per appointment ms",
                        "wall s");
                double[] perAppointment = new double[rounds];
                Map<String, Long> byThreads = new java.util.TreeMap<>();
                for (int r = 0; r < rounds; r++) {
                    int from = warmUp + r * n;
                    Map<Thread, Long> before = bridgeThreadCpu();
                    long wall = System.nanoTime();
                    blast(bridge.webhookUrl(), hooks.subList(from, from + n), 8);
                    while (bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put") < (long) from + n) {
                        Thread.sleep(20);
                    }
                    wall = System.nanoTime() - wall;
                    Map<Thread, Long> after = bridgeThreadCpu();
                    long cpu = 0;
                    for (Map.Entry<Thread, Long> e : after.entrySet()) {
                        long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                        cpu += used;
                        byThreads.merge(e.getKey().getName().replaceAll("[0-9]+", "#"), used, Long::sum);
                    }
                    perAppointment[r] = cpu / 1e6 / n;
                    t.row(r + 1, n + " (" + from + ")", cpu / 1_000_000, String.format("%.2f", perAppointment[r]),
                            String.format("%.1f", wall / 1e9));
                }
                Arrays.sort(perAppointment);
                t.row("median", "", "", String.format("%.2f", perAppointment[rounds / 2]), "");
                t.print("Bridge CPU per appointment (webhook in → PUT out, PUT sink answers at once; logging as shipped)");
                Table threads = new Table("bridge threads", "CPU per appointment ms (all timed rounds)");
                byThreads.forEach((name, used) -> {
                    if (used > 0) {
                        threads.row(name, String.format("%.3f", used / 1e6 / rounds / n));
                    }
                });
                threads.print("Where it goes, by thread (a shared commit is paid by the thread that runs it)");
                return t;
            }
        } finally {
            sink.stop(0);
        }
    }

    /** CPU of the bridge's own threads (Camel, Vert.x, its JDBC pool and H2 housekeeping), by thread. */
    static Map<Thread, Long> bridgeThreadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Thread, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.startsWith("Camel") || name.startsWith("vert.x") || name.startsWith("bridge-db")
                    || name.startsWith("H2")) { // the bridge's HTTP clients run on its Camel threads
                long c = mx.getThreadCpuTime(t.getId());
                if (c > 0) {
                    cpu.put(t, c);
                }
            }
        }
        return cpu;
    }

    /** A CalDAV server that answers at once: discovery for one calendar, and 201 with an ETag for every PUT. */
    static HttpServer sink() throws Exception {
        HttpServer s = LoopbackServer.create(0, 256);
        s.setExecutor(Executors.newFixedThreadPool(4, r -> new Thread(r, "sink")));
        s.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            String path = x.getRequestURI().getPath();
            byte[] body = new byte[0];
            int status = 201;
            if (x.getRequestMethod().equals("PROPFIND")) {
                status = 207;
                String props = path.equals("/") ? "<d:current-user-principal><d:href>/p/</d:href></d:current-user-principal>"
                        : path.equals("/p/") ? "<c:calendar-home-set><d:href>/h/</d:href></c:calendar-home-set>" : "";
                String extra = path.equals("/h/") ? "<d:response><d:href>/h/sink/</d:href><d:propstat><d:prop>"
                        + "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Sink</d:displayname>"
                        + "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>" : "";
                body = ("<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:response><d:href>"
                        + path + "</d:href><d:propstat><d:prop>" + props + "</d:prop><d:status>HTTP/1.1 200 OK</d:status>"
                        + "</d:propstat></d:response>" + extra + "</d:multistatus>").getBytes(StandardCharsets.UTF_8);
            }
            x.getResponseHeaders().add("ETag", "\"" + System.nanoTime() + "\"");
            x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        s.start();
        return s;
    }

    private static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    private BridgeBench() {
    }
}
