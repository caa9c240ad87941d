package io.hlbridge.bench;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.TestSecrets;

/** Webhook intake: signed webhooks posted back to back and paced, each answered 200 only once committed. */
final class IntakeBench {
    private IntakeBench() {
    }

    // ---- 1. webhook intake ------------------------------------------------------------------------------

    static Table intake(int n, int concurrency) throws Exception {
        int warmUp = Math.min(2_000, n);
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            Map<String, String> p = BridgeHarness.properties(sandbox, URI.create("http://127.0.0.1:9/"),
                    Files.createTempDirectory("bench-intake-"));
            p.put("camel.main.routes-include-pattern", "file:routes/highlevel-webhook.camel.yaml");
            // HighLevel sends from many addresses, the bench's 64 senders from one: not the per-peer limit's case
            p.put("bridge.http.max-connections-per-peer", "500");
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
                        String.format("%.0f", n / secs), BenchSupport.ms(Table.percentile(lat, 50)), BenchSupport.ms(Table.percentile(lat, 99)),
                        BenchSupport.ms(lat[lat.length - 1]));
                stored = bridge.metrics().count(BridgeMetrics.WEBHOOKS, "stored");
                start = System.nanoTime();
                lat = paced(bridge.webhookUrl(), hooks.subList(n + warmUp, 2 * n + warmUp), 1_000);
                secs = (System.nanoTime() - start) / 1e9;
                t.row("1,000 /s offered", n, bridge.metrics().count(BridgeMetrics.WEBHOOKS, "stored") - stored,
                        String.format("%.0f", n / secs), BenchSupport.ms(Table.percentile(lat, 50)), BenchSupport.ms(Table.percentile(lat, 99)),
                        BenchSupport.ms(lat[lat.length - 1]));
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
        BenchSupport.inParallel(hooks.size(), 64, i -> {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int status = BenchSupport.post(url, hooks.get(i));
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
        BenchSupport.inParallel(hooks.size(), concurrency, i -> {
            long s = System.nanoTime();
            int status = BenchSupport.post(url, hooks.get(i));
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
}
