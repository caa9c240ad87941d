package io.hlbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable writes from many threads sharing commits. While one transaction is being committed the next callers
 * queue up, and the first of them to find the writer free runs all of them in one transaction: under load one
 * commit serves a group (webhooks stored, appointments completed), and a lone caller is never delayed. A commit is
 * the expensive part on H2 (it writes the changed pages and the chunk metadata), so fewer of them is the saving.
 * A caller whose work was committed in someone else's group returns as soon as that group ends; it never waits for
 * the writer itself (it did once: behind a lock, each finished caller waited its turn through the groups that came
 * after its own, which kept it from sending its next work into the group being formed).
 * When a group fails, each of its works is run again in a transaction of its own, so one bad work (a repeated
 * webhook id) fails alone with its own error. Works must therefore touch nothing but the connection. Each group is
 * forced to disk once ({@link Database#forceToDisk}) before its callers return.
 */
final class GroupCommit {
    private final Database db;
    /** Guards {@link #queued} and {@link #writing}; waited on by the callers whose works are queued or running. */
    private final Object monitor = new Object();
    private final List<Queued> queued = new ArrayList<>();
    private boolean writing;

    GroupCommit(Database db) {
        this.db = db;
    }

    /** Runs {@code work} in a shared transaction and returns once it is committed, or throws its failure. */
    void run(Database.Transactional work) throws SQLException {
        Queued mine = new Queued(work);
        List<Queued> group;
        synchronized (monitor) {
            queued.add(mine);
            boolean interrupted = false;
            while (writing && !mine.finished) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the work is queued and will be committed: wait for its outcome all the same
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (mine.finished) {
                mine.outcome();
                return;
            }
            writing = true; // this caller runs the group: everything queued so far, its own work among it
            group = new ArrayList<>(queued);
            queued.clear();
        }
        try {
            runGroup(group);
        } finally {
            for (Queued q : group) {
                if (!q.finished) { // runGroup was cut short by an Error: nobody may take an unrun work as committed
                    q.failure = new SQLException("the shared commit was cut short before this work was committed");
                    q.finished = true;
                }
            }
            synchronized (monitor) {
                writing = false;
                monitor.notifyAll(); // the group's callers return; one of those still queued runs the next group
            }
        }
        mine.outcome();
    }

    private void runGroup(List<Queued> group) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            if (!(group.size() > 1 && together(c, group))) {
                for (Queued q : group) {
                    try {
                        q.work.run(c);
                        c.commit();
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        q.failure = e instanceof SQLException s ? s : new SQLException(e.toString(), e);
                    }
                }
            }
            try {
                db.forceToDisk(c);
            } catch (SQLException | RuntimeException e) {
                SQLException notOnDisk = new SQLException("committed, but not forced to disk: " + e, e);
                group.stream().filter(q -> q.failure == null).forEach(q -> q.failure = notOnDisk);
            }
            group.forEach(q -> q.finished = true);
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
        return true;
    }

    /** One caller's work; its outcome is set by the group's runner, which then notifies under {@link #monitor}. */
    private static final class Queued {
        final Database.Transactional work;
        /** Written after {@link #failure}; volatile, so a caller woken early never reads one without the other. */
        volatile boolean finished;
        SQLException failure;

        Queued(Database.Transactional work) {
            this.work = work;
        }

        /** Returns normally when the work committed, or throws its failure. */
        void outcome() throws SQLException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
