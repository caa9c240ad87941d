package io.hlbridge.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hlbridge.caldav.CalDavClient;
import io.hlbridge.caldav.SyncCollectionReport;
import io.hlbridge.connections.Connection;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.LoopbackServer;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;

/**
 * The iCloud → HighLevel figures: cost of polling an unchanged calendar (beside vdirsyncer's PROPFIND listing
 * of the same calendar on the same Radicale), first import of busy instances against HighLevel's rate limit,
 * and polls per second against a CalDAV responder that answers at once. Arguments: {@code [scale] [parts]}, parts
 * a comma-separated choice of unchanged, import, capacity (all by default).
 */
public final class PollBench {

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        String parts = args.length > 1 ? args[1] : "unchanged,import,capacity";
        if (parts.contains("unchanged")) {
            unchangedPoll(List.of(100, Math.max(200, (int) (10_000 * scale))));
        }
        if (parts.contains("import")) {
            firstImport(Math.max(120, (int) (1_000 * scale)));
        }
        if (parts.contains("capacity")) {
            pollCapacity(Math.max(100, (int) (2_000 * scale)));
        }
        System.exit(0);
    }

    // ---- 1. an unchanged calendar --------------------------------------------------------------------------

    static void unchangedPoll(List<Integer> sizes) throws Exception {
        Table t = new Table("events", "bridge requests", "bridge bytes", "vdirsyncer requests", "vdirsyncer bytes");
        try (RadicaleServer radicale = new RadicaleServer()) {
            radicale.start();
            for (int size : sizes) {
                String slug = "cal" + size;
                URI cal = radicale.mkcalendar(CalDavServer.USER, slug, "Cal " + size);
                Path folder = radicale.calendarFolder(CalDavServer.USER, slug);
                for (int i = 0; i < size; i++) {
                    Files.writeString(folder.resolve("ev" + i + ".ics"), event("ev" + i, Instant.now().plus(i, ChronoUnit.HOURS)));
                }
                try (FaultProxy proxy = new FaultProxy(radicale.baseUrl())) {
                    URI viaProxy = proxy.url().resolve(cal.getPath());
                    Connection c = new Connection("bench", "L1", "U1", "t", CalDavServer.USER, TestSecrets.APP_PASSWORD,
                            "x", List.of(), null, null);
                    SyncCollectionReport report = new SyncCollectionReport(new CalDavClient(proxy.url(), Duration.ofSeconds(300), 64L << 20));
                    String token = report.changesSince(c, viaProxy, "").token();
                    proxy.resetCounters();
                    SyncCollectionReport.Changes none = report.changesSince(c, viaProxy, token);
                    if (!none.isEmpty()) {
                        throw new IllegalStateException("the calendar changed during the benchmark");
                    }
                    long requests = proxy.requests();
                    long bytes = proxy.wireBytes();
                    long[] vdir = vdirsyncerUnchangedSync(proxy, viaProxy);
                    t.row(size, requests, bytes, vdir[0], vdir[1]);
                }
            }
        }
        t.print("Poll of an unchanged calendar (sync-collection) vs vdirsyncer's second sync of it (PROPFIND listing),"
                + " same Radicale, bytes on the wire");
    }

    /** Runs vdirsyncer's first sync (not counted), then a second one over the unchanged calendar: its cost. */
    static long[] vdirsyncerUnchangedSync(FaultProxy proxy, URI calendar) throws Exception {
        Path dir = Files.createTempDirectory("vdirsyncer-");
        Files.createDirectories(dir.resolve("local"));
        Path config = dir.resolve("config");
        Files.writeString(config, "[general]\nstatus_path = \"" + dir.resolve("status") + "\"\n\n"
                + "[pair bench]\na = \"remote\"\nb = \"local\"\ncollections = null\n\n"
                + "[storage remote]\ntype = \"caldav\"\nurl = \"" + calendar + "\"\nusername = \"" + CalDavServer.USER
                + "\"\npassword = \"" + TestSecrets.APP_PASSWORD + "\"\n\n"
                + "[storage local]\ntype = \"filesystem\"\npath = \"" + dir.resolve("local") + "\"\nfileext = \".ics\"\n");
        run(List.of("vdirsyncer", "-c", config.toString(), "discover", "bench"), dir);
        run(List.of("vdirsyncer", "-c", config.toString(), "sync"), dir);
        proxy.resetCounters();
        run(List.of("vdirsyncer", "-c", config.toString(), "sync"), dir);
        return new long[] {proxy.requests(), proxy.wireBytes()};
    }

    static void run(List<String> command, Path dir) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("vdirsyncer.log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + Files.readString(dir.resolve("vdirsyncer.log")));
        }
    }

    private static final java.time.format.DateTimeFormatter UTC = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);

    static String event(String uid, Instant start) {
        String s = UTC.format(start.truncatedTo(ChronoUnit.HOURS));
        String e = UTC.format(start.truncatedTo(ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES));
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:" + s + "\r\nDTEND:" + e + "\r\nSUMMARY:Busy " + uid
                + "\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    // ---- 2. first import ---------------------------------------------------------------------------------------

    static Table firstImport(int n) throws Exception {
        try (RadicaleServer radicale = new RadicaleServer(); HighLevelSandbox sandbox = new HighLevelSandbox()) {
            radicale.start();
            radicale.mkcalendar(CalDavServer.USER, "work", "Work");
            radicale.mkcalendar(CalDavServer.USER, "import", "Import");
            Path folder = radicale.calendarFolder(CalDavServer.USER, "import");
            Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.HOURS);
            for (int i = 0; i < n; i++) {
                Files.writeString(folder.resolve("imp" + i + ".ics"), event("imp" + i, base.plus(i * 2L, ChronoUnit.HOURS)));
            }
            sandbox.addLocation("L1", "UTC", TestSecrets.HIGHLEVEL_TOKEN);
            Map<String, String> p = BridgeHarness.properties(sandbox, radicale.baseUrl(),
                    Files.createTempDirectory("bench-import-"));
            p.put("connections.alice.conflict-calendars", "Import");
            p.put("sync.poll-interval", "2s");
            p.put("sync.window.future-days", String.valueOf(n / 12 + 10));
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                long first = 0;
                long last = 0;
                int seen = 0;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (seen < n && System.nanoTime() < deadline) {
                    int now = sandbox.blockedSlots("U1").size();
                    if (now > 0 && first == 0) {
                        first = System.nanoTime();
                    }
                    if (now > seen) {
                        last = System.nanoTime();
                        seen = now;
                    }
                    Thread.sleep(20);
                }
                double secs = (last - first) / 1e9;
                long requests = sandbox.requests().stream().filter(r -> r.contains("block-slots")).count();
                Table t = new Table("busy instances", "blocked slots made", "POST requests", "seconds (first to last)",
                        "requests /s", "429 answers");
                t.row(n, seen, requests, String.format("%.1f", secs), String.format("%.2f", (seen - 1) / secs),
                        sandbox.tooManyRequests());
                t.print("First import into one location (HighLevel limit: 100 requests / 10 s)");
                return t;
            }
        }
    }

    // ---- 3. poll capacity ------------------------------------------------------------------------------------

    static void pollCapacity(int calendars) throws Exception {
        HttpServer responder = instantResponder();
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            sandbox.addLocation("L1", "UTC", TestSecrets.HIGHLEVEL_TOKEN);
            Map<String, String> p = BridgeHarness.properties(sandbox,
                    URI.create("http://127.0.0.1:" + responder.getAddress().getPort() + "/"),
                    Files.createTempDirectory("bench-capacity-"));
            p.keySet().removeIf(k -> k.startsWith("connections."));
            for (int i = 0; i < calendars; i++) {
                BridgeHarness.connection(p, "c" + i, "L1", "U" + i, "user" + i, "Calendar");
            }
            p.put("sync.poll-interval", "100ms");
            p.put("sync.poll-concurrency", "16");
            p.put("sync.reconcile-interval", "1h"); // the reconciliation route's HighLevel reads stay out of the figure
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                while (bridge.metrics().count(BridgeMetrics.POLLS_STARTED) < calendars * 2L) {
                    Thread.sleep(100); // warm-up: discovery of every connection, first sync
                }
                long before = bridge.metrics().count(BridgeMetrics.POLLS_STARTED);
                long start = System.nanoTime();
                Thread.sleep(15_000);
                long polls = bridge.metrics().count(BridgeMetrics.POLLS_STARTED) - before;
                double secs = (System.nanoTime() - start) / 1e9;
                Table t = new Table("calendars (one per Apple ID)", "polls", "seconds", "polls /s", "failed polls",
                        "HighLevel requests");
                t.row(calendars, polls, String.format("%.1f", secs), String.format("%.0f", polls / secs),
                        bridge.metrics().count(BridgeMetrics.POLLS, "failed"), sandbox.requests().size());
                t.print("Poll capacity against a CalDAV responder that answers at once");
            }
        } finally {
            responder.stop(0);
        }
    }

    /** Discovery answers for any user, and an empty sync-collection answer with a fixed token for any calendar. */
    static HttpServer instantResponder() throws IOException {
        HttpServer s = LoopbackServer.create(0, 512);
        s.setExecutor(Executors.newFixedThreadPool(8));
        s.createContext("/", x -> {
            try (x) {
                x.getRequestBody().readAllBytes();
                String path = x.getRequestURI().getPath();
                String user = "u";
                String xml;
                if (x.getRequestMethod().equals("REPORT")) {
                    xml = "<d:multistatus xmlns:d=\"DAV:\"><d:sync-token>http://bench/sync/1</d:sync-token></d:multistatus>";
                } else if (path.equals("/")) {
                    xml = ms("/", "<d:current-user-principal><d:href>/p/" + user + "/</d:href></d:current-user-principal>");
                } else if (path.startsWith("/p/")) {
                    xml = ms(path, "<c:calendar-home-set><d:href>/h/" + user + "/</d:href></c:calendar-home-set>");
                } else {
                    xml = "<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                            + "<d:response><d:href>/h/u/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/>"
                            + "</d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
                            + "<d:response><d:href>/h/u/cal/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/>"
                            + "<c:calendar/></d:resourcetype><d:displayname>Calendar</d:displayname>"
                            + "<c:supported-calendar-component-set><c:comp name=\"VEVENT\"/></c:supported-calendar-component-set>"
                            + "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>";
                }
                respond(x, xml);
            }
        });
        s.start();
        return s;
    }

    static String ms(String href, String prop) {
        return "<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:response><d:href>" + href
                + "</d:href><d:propstat><d:prop>" + prop + "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
                + "</d:response></d:multistatus>";
    }

    static void respond(HttpExchange x, String xml) throws IOException {
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/xml; charset=utf-8");
        x.sendResponseHeaders(207, b.length);
        x.getResponseBody().write(b);
    }
}
