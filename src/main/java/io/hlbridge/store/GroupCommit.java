package io.hlbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Durable writes from many threads sharing commits. While one transaction is being committed the next callers
 * queue up, and whoever takes the writer next runs all of them in one transaction: under load one commit serves
 * a group (a webhook stored, an appointment completed), and a lone caller is never delayed. A commit is the
 * expensive part on H2 (it writes the changed pages and the chunk metadata), so fewer of them is the saving.
 * When a group fails, each of its works is run again in a transaction of its own, so one bad work (a repeated
 * webhook id) fails alone with its own error. Works must therefore touch nothing but the connection.
 */
final class GroupCommit {
    private final Database db;
    /** Held by the thread running a group; the threads queued behind it find theirs committed. */
    private final ReentrantLock writer = new ReentrantLock();
    private final ConcurrentLinkedQueue<Queued> queued = new ConcurrentLinkedQueue<>();

    GroupCommit(Database db) {
        this.db = db;
    }

    /** Runs {@code work} in a shared transaction and returns once it is committed, or throws its failure. */
    void run(Database.Transactional work) throws SQLException {
        Queued mine = new Queued(work);
        queued.add(mine);
        writer.lock();
        try {
            if (!mine.finished) {
                List<Queued> group = new ArrayList<>();
                for (Queued q; (q = queued.poll()) != null;) {
                    group.add(q);
                }
                runGroup(group);
            }
        } finally {
            writer.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private void runGroup(List<Queued> group) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            if (group.size() > 1 && together(c, group)) {
                return;
            }
            for (Queued q : group) {
                try {
                    q.work.run(c);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    q.failure = e instanceof SQLException s ? s : new SQLException(e.toString(), e);
                }
                q.finished = true;
            }
        } catch (SQLException e) {
            group.stream().filter(q -> !q.finished).forEach(q -> {
                q.failure = e;
                q.finished = true;
            });
        }
    }

    /** Runs the whole group in one transaction; false (rolled back) when any of it failed. */
    private static boolean together(Connection c, List<Queued> group) throws SQLException {
        try {
            for (Queued q : group) {
                q.work.run(c);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            return false;
        }
        group.forEach(q -> q.finished = true);
        return true;
    }

    /** One caller's work; its outcome is set under {@link #writer}, so the caller reads it after taking the lock. */
    private static final class Queued {
        final Database.Transactional work;
        boolean finished;
        SQLException failure;

        Queued(Database.Transactional work) {
            this.work = work;
        }
    }
}
