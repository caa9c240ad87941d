package io.hlbridge.inbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hlbridge.nodes.WorkClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work keys being processed in this JVM: two events of one appointment never run at the same time. It also remembers
 * the keys the sweeper queued and no worker took yet, so that a queue drained slowly (its workers waiting on a slow
 * server) is not filled with the same keys once per sweep; a key queued longer than {@link #QUEUED_FOR_MILLIS} ago
 * may be queued again, in case its message was dropped. With several nodes on one store, a key is also claimed there
 * ({@link WorkClaims}): no other node works it until this one unlocks it or its lease runs out.
 */
public class WorkLocks {
    private static final Logger LOG = LoggerFactory.getLogger(WorkLocks.class);
    static final long QUEUED_FOR_MILLIS = 60_000;
    private final WorkClaims claims;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> queued = new ConcurrentHashMap<>();

    public WorkLocks(WorkClaims claims) {
        this.claims = claims;
    }

    /** The work key of an appointment: its webhooks, reconciliations and iCloud-side moves share it. */
    public static String forAppointment(String appointmentId) {
        return "appointment:" + appointmentId;
    }

    /** Waits (up to {@code timeoutMillis}) for the key; false when another worker kept it that long. */
    public boolean lock(String workKey, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!tryLock(workKey)) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Takes the key unless a worker here or another node holds it (or the store cannot say). */
    public boolean tryLock(String workKey) {
        queued.remove(workKey);
        if (!inFlight.add(workKey)) {
            return false;
        }
        try {
            if (claims.claim(workKey)) {
                return true;
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warn("{} not claimed, the store did not answer (tried again later): {}", workKey, e.getMessage());
        }
        inFlight.remove(workKey);
        return false;
    }

    /** The sweeper queued the key at {@code now}; false when it was queued recently and no worker took it yet. */
    public boolean markQueued(String workKey, long now) {
        Long before = queued.putIfAbsent(workKey, now);
        if (before == null) {
            return true;
        }
        if (now - before < QUEUED_FOR_MILLIS) {
            return false;
        }
        queued.put(workKey, now);
        return true;
    }

    public void unlock(String workKey) {
        try {
            claims.release(workKey);
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.debug("{} not released, the store did not answer (its lease expires): {}", workKey, e.getMessage());
        } finally {
            inFlight.remove(workKey);
        }
    }

    public boolean isLocked(String workKey) {
        return inFlight.contains(workKey);
    }
}
