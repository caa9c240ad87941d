package io.hlbridge.sync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Work keys being processed in this JVM: two events of one appointment never run at the same time. */
public class WorkLocks {
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

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
