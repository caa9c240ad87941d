package io.hlbridge.inbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work keys being processed in this JVM: two events of one appointment never run at the same time. It also remembers
 * the keys the sweeper queued and no worker took yet, so that a queue drained slowly (its workers waiting on a slow
 * server) is not filled with the same keys once per sweep; a key queued longer than {@link #QUEUED_FOR_MILLIS} ago
 * may be queued again, in case its message was dropped.
 */
public class WorkLocks {
    static final long QUEUED_FOR_MILLIS = 60_000;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> queued = new ConcurrentHashMap<>();

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

    public boolean tryLock(String workKey) {
        queued.remove(workKey);
        return inFlight.add(workKey);
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
        inFlight.remove(workKey);
    }

    public boolean isLocked(String workKey) {
        return inFlight.contains(workKey);
    }
}
