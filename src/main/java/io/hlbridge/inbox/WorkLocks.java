package io.hlbridge.inbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Work keys being processed in this JVM: two events of one appointment never run at the same time. */
public class WorkLocks {
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

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
        return inFlight.add(workKey);
    }

    public void unlock(String workKey) {
        inFlight.remove(workKey);
    }

    public boolean isLocked(String workKey) {
        return inFlight.contains(workKey);
    }
}
