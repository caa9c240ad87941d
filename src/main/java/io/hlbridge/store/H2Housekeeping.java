package io.hlbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import io.hlbridge.runtime.FatalErrors;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts an embedded H2 file while the bridge runs. H2 does this in a background thread that it only starts when
 * commits are delayed ({@code WRITE_DELAY > 0}); the bridge writes every commit at once ({@code WRITE_DELAY=0}, so a
 * 200 means stored), and without this the file keeps every chunk that still holds one live page, and the chunk
 * metadata H2 rewrites on every commit grows with them (docs/performance.md). Every half second this rewrites the
 * live pages of the sparsest chunks, a bounded amount at a time, under H2's own store lock.
 * Each round first forces the file to disk, so every commit is on disk within half a second even after a power loss
 * (the OS alone may hold it for 30 s; the group commits the webhooks wait for are forced at once), and H2 may reuse a
 * dead chunk's space after {@link Database#RETENTION_MILLIS} instead of its default 45 s.
 */
final class H2Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H2Housekeeping.class);
    private final DataSource dataSource;
    private final AtomicLong rewrites = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bridge-db-housekeeping");
        t.setDaemon(true);
        return t;
    });
    /** Chunks less full than this are rewritten (H2's own housekeeping aims at 90, which costs more CPU). */
    private static final int TARGET_FILL_RATE = 50;
    /** Bytes rewritten per round, so one round holds H2's store lock only briefly. */
    private static final int WRITE_LIMIT = 1 << 20;

    H2Housekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(long intervalMillis) {
        timer.scheduleWithFixedDelay(() -> compact(), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** The MVStore under a connection of an embedded H2 database. */
    static MVStore store(Connection c) throws SQLException {
        return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    /** One round: sync, then compact; true when it rewrote something. */
    boolean compact() {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = store(c);
            store.sync(); // the chunks committed so far are on disk: what a shorter retention time relies on
            boolean rewrote = store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
            if (rewrote) {
                rewrites.incrementAndGet();
            }
            return rewrote;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("H2 compaction failed (the database keeps working, its file may grow): {}", e.toString());
            return false;
        } catch (Error e) {
            FatalErrors.check(e); // a scheduled task that throws is never run again: the store would stop syncing
            throw e;
        }
    }

    /** Rounds that rewrote something. */
    long rewrites() {
        return rewrites.get();
    }

    /** Lets a round in progress finish: interrupting a thread in FileChannel I/O would close H2's file under it. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
