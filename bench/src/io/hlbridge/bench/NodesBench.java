package io.hlbridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.SubprocessBridge;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Several nodes (bench/run ... nodes): bridges in their own JVMs against the PUT sink, on an H2 file or on one
 * PostgreSQL (zonky's embedded binaries), one or three of them; then three nodes spending one location's HighLevel
 * budget together. CPU is read per process (the nodes' JVMs, PostgreSQL's server processes) over the timed phase.
 */
public final class NodesBench {
    private static final int LOCATIONS = 40;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private NodesBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("http.maxConnections", "100");
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int warmUp = (int) (4_000 * scale);
        int timed = (int) (4_000 * scale);
        boolean budgetOnly = args.length > 1 && args[1].equals("budget");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            if (budgetOnly) {
                budget(postgres, (int) (600 * scale));
                System.exit(0);
            }
            Table t = new Table("store", "nodes", "intake webhooks/s", "end to end appointments/s",
                    "bridge CPU per appointment ms", "PostgreSQL CPU per appointment ms", "all CPU per appointment ms");
            run(t, null, 1, warmUp, timed);
            run(t, postgres, 1, warmUp, timed);
            run(t, postgres, 3, warmUp, timed);
            t.print("Nodes against the PUT sink (" + timed + " timed appointments after " + warmUp + " untimed per node, "
                    + LOCATIONS + " locations, webhooks spread over the nodes from 16 threads)");
            budget(postgres, (int) (600 * scale));
        }
        System.exit(0);
    }

    /** One row: {@code nodes} bridges on H2 (postgres null: one node only) or on a new PostgreSQL database. */
    static void run(Table t, EmbeddedPostgres postgres, int nodes, int warmUp, int timed) throws Exception {
        HttpServer sink = CpuBench.sink();
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            List<SubprocessBridge> bridges = start(sandbox, sink, postgres, nodes, LOCATIONS);
            try {
                int untimed = warmUp * nodes;
                List<HighLevelSandbox.SignedWebhook> hooks = EndToEndBench.bookAndSign(sandbox, "U", untimed + timed,
                        LOCATIONS);
                post(bridges, hooks.subList(0, untimed));
                awaitPuts(bridges, untimed); // each node's JIT sees as many as a single node does
                long cpuBefore = cpu(bridges);
                long dbBefore = postgresCpu();
                long wall = System.nanoTime();
                post(bridges, hooks.subList(untimed, untimed + timed));
                long intake = System.nanoTime() - wall;
                awaitPuts(bridges, untimed + timed);
                wall = System.nanoTime() - wall;
                long bridgeCpu = cpu(bridges) - cpuBefore;
                long dbCpu = postgres == null ? 0 : postgresCpu() - dbBefore;
                t.row(postgres == null ? "H2 file" : "PostgreSQL", nodes, String.format("%.0f", timed / (intake / 1e9)),
                        String.format("%.0f", timed / (wall / 1e9)), String.format("%.2f", bridgeCpu / 1e6 / timed),
                        postgres == null ? "(in the bridge)" : String.format("%.2f", dbCpu / 1e6 / timed),
                        String.format("%.2f", (bridgeCpu + dbCpu) / 1e6 / timed));
            } finally {
                for (SubprocessBridge b : bridges) {
                    b.close();
                }
            }
        } finally {
            sink.stop(0);
        }
    }

    /**
     * Three nodes, {@code count} appointments all in one location: each needs a HighLevel read, so the location's
     * budget (100 requests / 10 s) is what bounds them. The figures are the sandbox's: the most requests it saw in any
     * 10 s, and the share of the budget used from the first request to the last.
     */
    static void budget(EmbeddedPostgres postgres, int count) throws Exception {
        HttpServer sink = CpuBench.sink();
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            List<SubprocessBridge> bridges = start(sandbox, sink, postgres, 3, 1);
            try {
                Thread.sleep(12_000); // the start-up reconciliation's requests leave the window first
                sandbox.clearRequests();
                List<HighLevelSandbox.SignedWebhook> hooks = EndToEndBench.bookAndSign(sandbox, "U", count, 1);
                long wall = System.nanoTime();
                post(bridges, hooks);
                awaitPuts(bridges, count);
                wall = System.nanoTime() - wall;
                List<Long> times = new ArrayList<>(sandbox.requestTimes("L0"));
                times.sort(null);
                int most = 0;
                for (int i = 0, j = 0; i < times.size(); i++) {
                    while (times.get(i) - times.get(j) >= HighLevelSandbox.RATE_WINDOW_MS) {
                        j++;
                    }
                    most = Math.max(most, i - j + 1);
                }
                long first = times.get(0);
                long last = times.get(times.size() - 1);
                // the steady part: after the first window's burst and before the last window's tail
                long middle = times.stream().filter(x -> x >= first + HighLevelSandbox.RATE_WINDOW_MS
                        && x < last - HighLevelSandbox.RATE_WINDOW_MS).count();
                double middleWindows = (last - first - 2.0 * HighLevelSandbox.RATE_WINDOW_MS)
                        / HighLevelSandbox.RATE_WINDOW_MS;
                Table t = new Table("nodes", "appointments", "HighLevel requests", "first to last request s",
                        "most in any 10 s (limit 100)", "budget used between the first and last 10 s", "429s");
                t.row(3, count, times.size(), String.format("%.1f", (last - first) / 1e3), most,
                        String.format("%.0f%%", 100.0 * middle / (HighLevelSandbox.RATE_MAX * middleWindows)),
                        sandbox.tooManyRequests());
                t.print("One location's budget spent by three nodes together (requests counted by the sandbox)");
            } finally {
                for (SubprocessBridge b : bridges) {
                    b.close();
                }
            }
        } finally {
            sink.stop(0);
        }
    }

    static List<SubprocessBridge> start(HighLevelSandbox sandbox, HttpServer sink, EmbeddedPostgres postgres,
            int nodes, int locations) throws Exception {
        String db = null;
        if (postgres != null) {
            db = "bench" + System.nanoTime();
            try (var c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db);
            }
        }
        for (int l = 0; l < locations; l++) {
            sandbox.addLocation("L" + l, "UTC", "token-" + l);
            sandbox.addCalendar("RR" + l, "L" + l, "round_robin");
        }
        List<SubprocessBridge> bridges = new ArrayList<>();
        List<Map<String, String>> props = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            Map<String, String> p = BridgeHarness.properties(sandbox, URI.create("http://127.0.0.1:"
                    + sink.getAddress().getPort() + "/"), Files.createTempDirectory("bench-nodes-"));
            p.keySet().removeIf(k -> k.startsWith("connections."));
            p.put("sync.poll-interval", "1h");
            p.put("bridge.inbox.sweep-interval", "1s");
            p.put("bridge.node-id", "node-" + n);
            if (postgres != null) {
                p.put("bridge.db.url", postgres.getJdbcUrl("postgres", db));
                p.put("bridge.db.user", "postgres");
            }
            for (int l = 0; l < locations; l++) {
                BridgeHarness.connection(p, "c" + l, "L" + l, "U" + l, "sink", "Sink");
                p.put("connections.c" + l + ".highlevel-token", "token-" + l);
            }
            props.add(p);
            bridges.add(new SubprocessBridge(p).jvm("-Xmx512m").runAsync());
        }
        for (int n = 0; n < nodes; n++) {
            bridges.get(n).awaitListening(Integer.parseInt(props.get(n).get("camel.server.port")));
        }
        Thread.sleep(3_000); // routes started, start-up poll and reconciliation done on an empty sandbox
        return bridges;
    }

    /** Posts the webhooks from 16 threads, the i-th to node i mod n; fails on any answer but 200. */
    static void post(List<SubprocessBridge> bridges, List<HighLevelSandbox.SignedWebhook> hooks) throws Exception {
        BenchSupport.inParallel(hooks.size(), 16, i -> {
            int status = BenchSupport.post(bridges.get(i % bridges.size()).webhookUrl(), hooks.get(i));
            if (status != 200) {
                throw new IllegalStateException("webhook answered " + status);
            }
        });
    }

    /** Until the nodes together wrote {@code puts} events (bridge_caldav_writes_total{action="put"}). */
    static void awaitPuts(List<SubprocessBridge> bridges, long puts) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (writes(bridges) < puts) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the nodes wrote " + writes(bridges) + " of " + puts);
            }
            Thread.sleep(100);
        }
    }

    static long writes(List<SubprocessBridge> bridges) throws Exception {
        long n = 0;
        for (SubprocessBridge b : bridges) {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.managementPort()
                    + "/observe/metrics")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            for (String line : body.split("\n")) {
                if (line.startsWith("bridge_caldav_writes_total{") && line.contains("action=\"put\"")) {
                    n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return n;
    }

    /** CPU nanoseconds the nodes' JVMs used so far. */
    static long cpu(List<SubprocessBridge> bridges) {
        long n = 0;
        for (SubprocessBridge b : bridges) {
            n += ProcessHandle.of(b.pid()).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO).toNanos();
        }
        return n;
    }

    /** CPU nanoseconds of the PostgreSQL server processes running now (its backends live as long as the pools). */
    static long postgresCpu() {
        return ProcessHandle.allProcesses().filter(h -> h.info().command().orElse("").endsWith("/postgres"))
                .mapToLong(h -> h.info().totalCpuDuration().orElse(Duration.ZERO).toNanos()).sum();
    }
}
