package io.hlbridge.bench;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.Misbehaviours;
import io.hlbridge.testing.RadicaleServer;

/**
 * HighLevel's blocked slots → iCloud ({@code sync.highlevel-blocked-slots=busy}), {@code bench/run [scale] slots}:
 * {@code users} opted-in users of one location, one Apple ID each, on Radicale. What this direction spends of the
 * location's HighLevel budget (its reads of {@code GET /calendars/blocked-slots}, counted in the sandbox's request log
 * over the timed phase) and how long a slot made in HighLevel takes to reach iCloud (from {@code blockTime} to the
 * answer of the bridge's PUT of its event, seen by a proxy in front of Radicale), with slots made open loop at random
 * users. Run with short intervals so the phase takes seconds; at the defaults (poll every 60 s, slots read every 5 min)
 * the wait before a read scales with the interval, the work after it does not.
 */
public final class SlotCopiesBench {
    private static final Pattern SLOT_PUT = Pattern.compile("hl-slot-([A-Za-z0-9]+)\\.ics$");

    private SlotCopiesBench() {
    }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        slotCopies(Math.max(5, (int) (100 * scale)), Math.max(10, (int) (60 * scale)), 5, 4).print(
                "HighLevel blocked slots -> iCloud: reads and time to the iCloud event (poll every 5 s, slots read"
                        + " every 4 s: at each poll of the user's Apple ID, as often as the machine polls them)");
        System.exit(0);
    }

    /**
     * @param users          opted-in users (one location, one Apple ID each)
     * @param seconds        the timed phase; one slot made every 200 ms during it
     * @param pollSeconds    sync.poll-interval
     * @param intervalSeconds sync.blocked-slots-interval
     */
    static Table slotCopies(int users, int seconds, int pollSeconds, int intervalSeconds) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            names.add(String.format("user%03d", i));
        }
        Map<String, Long> putAt = new ConcurrentHashMap<>();
        try (RadicaleServer radicale = new RadicaleServer().withUsers(names); HighLevelSandbox sandbox =
                new HighLevelSandbox()) {
            radicale.start();
            for (String u : names) {
                radicale.mkcalendar(u, "work", "Work");
            }
            try (FaultProxy proxy = new FaultProxy(radicale.baseUrl())) {
                proxy.misbehave(new Misbehaviours.Misbehaviour() {
                    @Override
                    public byte[] rewrite(String method, String path, String request, int status, byte[] answer) {
                        Matcher m = SLOT_PUT.matcher(path);
                        if (method.equals("PUT") && status / 100 == 2 && m.find()) {
                            putAt.putIfAbsent(m.group(1), System.nanoTime());
                        }
                        return answer;
                    }
                });
                sandbox.addLocation("L1", "UTC", "pit-L1");
                Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(),
                        Files.createTempDirectory("bench-slot-copies-"));
                p.keySet().removeIf(k -> k.startsWith("connections."));
                for (String u : names) {
                    BridgeHarness.connection(p, u, "L1", "U-" + u, u, "Work");
                    p.put("connections." + u + ".highlevel-token", "pit-L1");
                }
                p.put("sync.highlevel-blocked-slots", "busy");
                p.put("sync.poll-interval", pollSeconds + "s");
                p.put("sync.blocked-slots-interval", intervalSeconds + "s");
                p.put("sync.reconcile-interval", "1h");
                try (BridgeHarness bridge = BridgeHarness.start(p)) {
                    Thread.sleep(3L * pollSeconds * 1000); // every Apple ID polled and its slots read at least once
                    long readsBefore = reads(sandbox);
                    long pollsBefore = bridge.metrics().count(io.hlbridge.runtime.BridgeMetrics.POLLS_STARTED);
                    long started = System.nanoTime();
                    Map<String, Long> madeAt = new ConcurrentHashMap<>();
                    Random random = new Random(42);
                    Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);
                    int made = 0;
                    while (System.nanoTime() - started < seconds * 1_000_000_000L) {
                        long due = started + made * 200_000_000L;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        String user = names.get(random.nextInt(users));
                        Instant s = base.plus(made, ChronoUnit.HOURS);
                        String id = sandbox.blockTime("L1", "U-" + user, "Held", s, s.plus(30, ChronoUnit.MINUTES));
                        madeAt.put(id, System.nanoTime());
                        made++;
                    }
                    long phaseNanos = System.nanoTime() - started;
                    long reads = reads(sandbox) - readsBefore;
                    long polls = bridge.metrics().count(io.hlbridge.runtime.BridgeMetrics.POLLS_STARTED) - pollsBefore;
                    long deadline = System.nanoTime() + Duration.ofSeconds(3L * (pollSeconds + intervalSeconds))
                            .toNanos();
                    while (!putAt.keySet().containsAll(madeAt.keySet()) && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    long[] latency = madeAt.entrySet().stream().filter(e -> putAt.containsKey(e.getKey()))
                            .mapToLong(e -> putAt.get(e.getKey()) - e.getValue()).sorted().toArray();
                    double minutes = phaseNanos / 60e9;
                    double perHourAtDefault = 3600.0 / 300; // one read per user per 5 min
                    Table t = new Table("users", "timed s", "calendar polls per user per min", "blocked-slots GETs",
                            "GETs per user per min",
                            "GETs per user per hour at 5m", "share of a location's 36,000/h at 100 users", "slots made",
                            "reached iCloud", "p50 ms", "p99 ms", "429 answers");
                    t.row(users, Math.round(phaseNanos / 1e9), String.format("%.1f", polls / minutes / users), reads,
                            String.format("%.1f", reads / minutes / users),
                            String.format("%.0f", perHourAtDefault), String.format("%.1f %%",
                                    100 * perHourAtDefault * 100 / 36_000), madeAt.size(), latency.length,
                            latency.length == 0 ? "-" : Table.percentile(latency, 50) / 1_000_000,
                            latency.length == 0 ? "-" : Table.percentile(latency, 99) / 1_000_000,
                            sandbox.tooManyRequests());
                    return t;
                }
            }
        }
    }

    private static long reads(HighLevelSandbox sandbox) {
        return sandbox.requests().stream().filter(r -> r.endsWith("/calendars/blocked-slots")).count();
    }
}
