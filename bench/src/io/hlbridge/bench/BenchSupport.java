package io.hlbridge.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.hlbridge.sandbox.HighLevelSandbox;

/** What the benchmarks share: posting a webhook the way HighLevel does, parallel loops, milliseconds. */
final class BenchSupport {
    private BenchSupport() {
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

    static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
