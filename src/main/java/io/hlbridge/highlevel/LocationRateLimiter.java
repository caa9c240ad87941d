package io.hlbridge.highlevel;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HighLevel allows 100 requests per 10 s per location (burst limit). This limiter never lets more than
 * {@code maxRequests} requests of one location start within any {@code windowMillis}: a slot is held from the
 * moment a request starts until {@code windowMillis} after its response arrived, which is never earlier than
 * when HighLevel counted it. {@code X-RateLimit-Remaining: 0} (another app spending the same budget) pauses the
 * location until the oldest answer we hold is a window old; a 429 pauses it for its {@code Retry-After}.
 * No more requests are in flight than the last {@code X-RateLimit-Remaining} allowed, and a location this process
 * has not heard from yet gets one request at a time until the first answer: after a crash and a quick restart,
 * the requests of the process that died still count at HighLevel, and only HighLevel knows how many.
 */
public final class LocationRateLimiter {

    private final int maxRequests;
    private final long windowMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public LocationRateLimiter(int maxRequests, long windowMillis) {
        this.maxRequests = maxRequests;
        this.windowMillis = windowMillis;
    }

    /** Blocks until a request for this location may start. */
    public void acquire(String locationId) throws InterruptedException {
        windows.computeIfAbsent(locationId, k -> new Window()).acquire();
    }

    /** The request started by {@link #acquire} has its answer; {@code remaining} is X-RateLimit-Remaining or null. */
    public void release(String locationId, Integer remaining) {
        Window w = windows.get(locationId);
        if (w != null) {
            w.release(remaining);
        }
    }

    /** HighLevel answered 429: no request for this location starts for {@code millis}. */
    public void pause(String locationId, long millis) {
        windows.computeIfAbsent(locationId, k -> new Window()).pauseUntil(System.currentTimeMillis() + millis);
    }

    private final class Window {
        private final ArrayDeque<Long> finished = new ArrayDeque<>();
        private int inFlight;
        private long pausedUntil;
        /** What the last answer's X-RateLimit-Remaining allowed; one probe until the first answer. */
        private int allowedInFlight = 1;

        synchronized void acquire() throws InterruptedException {
            while (true) {
                long now = System.currentTimeMillis();
                while (!finished.isEmpty() && finished.peekFirst() + windowMillis <= now) {
                    finished.pollFirst();
                }
                long wait = 0;
                if (pausedUntil > now) {
                    wait = pausedUntil - now;
                } else if (finished.size() + inFlight >= maxRequests) {
                    wait = finished.isEmpty() ? windowMillis : finished.peekFirst() + windowMillis - now;
                } else if (inFlight >= Math.max(1, allowedInFlight)) {
                    wait = windowMillis; // until an answer in flight arrives (release notifies)
                }
                if (wait <= 0) {
                    inFlight++;
                    return;
                }
                wait(Math.max(1, wait));
            }
        }

        synchronized void release(Integer remaining) {
            long now = System.currentTimeMillis();
            inFlight = Math.max(0, inFlight - 1);
            finished.addLast(now);
            if (remaining != null) { // a failed request (no answer) tells nothing
                allowedInFlight = remaining;
            }
            if (remaining != null && remaining <= 0) {
                // HighLevel frees a slot when the oldest request it counts leaves its window; none of ours it counts
                // started before the oldest answer we hold, so that answer's time plus a window is late enough.
                pausedUntil = Math.max(pausedUntil, finished.peekFirst() + windowMillis);
            }
            notifyAll();
        }

        synchronized void pauseUntil(long until) {
            pausedUntil = Math.max(pausedUntil, until);
            notifyAll();
        }
    }
}
