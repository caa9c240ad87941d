package io.hlbridge.connectpage;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hlbridge.connections.ConnectionAdmin;

/**
 * The clean disconnects users started on the page, run in the background: removing hundreds of events and slots takes
 * longer than a request may, so the page shows how far each got ({@code done} of {@code total}) and then what it
 * removed, once. Per node, as the sessions are; a removal cut short (a stop) leaves the connection paused, and the user
 * starts it again.
 */
final class Removals {
    private static final Duration KEPT = Duration.ofHours(1);

    /** One user's removal: its progress, then its outcome (a notice, or why it stopped). */
    static final class Job implements ConnectionAdmin.RemovalProgress {
        final AtomicInteger total = new AtomicInteger(-1);
        final AtomicInteger done = new AtomicInteger();
        volatile ConnectionAdmin.Removal removed;
        volatile String failure;

        @Override
        public void total(int items) {
            total.set(items);
        }

        @Override
        public void done() {
            done.incrementAndGet();
        }

        boolean running() {
            return removed == null && failure == null;
        }
    }

    /** What a job does, given the job to report to. */
    interface Work {
        ConnectionAdmin.Removal run(Job job) throws Exception;
    }

    private final Cache<String, Job> jobs = Caffeine.newBuilder().expireAfterWrite(KEPT).maximumSize(10_000).build();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "connect-page-removal");
        t.setDaemon(true);
        return t;
    });

    /** Starts {@code work} for the user unless a removal of theirs runs already. */
    void start(String user, Work work) {
        Job job = new Job();
        if (jobs.asMap().compute(user, (k, old) -> old != null && old.running() ? old : job) != job) {
            return;
        }
        workers.execute(() -> {
            try {
                job.removed = work.run(job);
            } catch (Exception e) {
                job.failure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        });
    }

    /** The user's removal, running or ended; an ended one is handed out once. */
    Optional<Job> of(String user) {
        Job job = jobs.getIfPresent(user);
        if (job != null && !job.running()) {
            jobs.asMap().remove(user, job);
        }
        return Optional.ofNullable(job);
    }
}
