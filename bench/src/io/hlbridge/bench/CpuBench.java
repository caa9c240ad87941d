package io.hlbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.LoopbackServer;

/** The bridge's CPU per appointment, webhook in to PUT out, against a CalDAV sink that answers at once. */
final class CpuBench {
    private CpuBench() {
    }

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
                List<HighLevelSandbox.SignedWebhook> hooks = EndToEndBench.bookAndSign(sandbox, "U", warmUp + rounds * n, locations);
                // untimed first, so the figure is the compiled code's and does not depend on what ran before it
                IntakeBench.blast(bridge.webhookUrl(), hooks.subList(0, warmUp), 8);
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
                    IntakeBench.blast(bridge.webhookUrl(), hooks.subList(from, from + n), 8);
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
}
