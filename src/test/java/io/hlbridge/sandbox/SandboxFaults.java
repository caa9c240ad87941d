package io.hlbridge.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ways the sandbox misbehaves on demand, per location, as HighLevel has been seen to: answers trickled a byte at a
 * time, a canned answer in place of the real one (a 429 with Retry-After, an HTML page, truncated JSON), another
 * appointment than the one asked for.
 */
public final class SandboxFaults {
    /** One answer given instead of the real one. */
    public record Canned(String method, String pathPrefix, int status, List<String> header, String contentType,
            String body) {
    }

    private final Map<String, Integer> trickle = new ConcurrentHashMap<>();
    private final Map<String, Deque<Canned>> canned = new ConcurrentHashMap<>();
    private final Map<String, String> swapped = new ConcurrentHashMap<>();
    private volatile long lastCannedAt;

    /** When the last canned answer was given (epoch millis; 0: none yet). */
    public long lastCannedAt() {
        return lastCannedAt;
    }

    /** Answers to this location's requests are written one byte at a time, {@code bytesPerSecond} of them a second. */
    public void trickle(String locationId, int bytesPerSecond) {
        trickle.put(locationId, bytesPerSecond);
    }

    public void stopTrickling(String locationId) {
        trickle.remove(locationId);
    }

    /** Every fault off: the sandbox behaves again (canned answers not given yet are dropped). */
    public void clear() {
        trickle.clear();
        canned.clear();
        swapped.clear();
    }

    /** The next request of the location to match gets {@code answer} instead. */
    public void answerOnce(String locationId, Canned answer) {
        canned.computeIfAbsent(locationId, k -> new ArrayDeque<>()).add(answer);
    }

    /** {@code GET /calendars/events/appointments/{asked}} answers with appointment {@code answered}. */
    public void swapAppointment(String asked, String answered) {
        swapped.put(asked, answered);
    }

    Optional<Integer> trickleRate(String locationId) {
        return Optional.ofNullable(trickle.get(locationId));
    }

    Optional<Canned> cannedFor(String locationId, String method, String path) {
        Deque<Canned> q = canned.get(locationId);
        if (q == null) {
            return Optional.empty();
        }
        synchronized (q) {
            for (Canned c : q) {
                if (c.method().equals(method) && path.startsWith(c.pathPrefix())) {
                    q.remove(c);
                    lastCannedAt = System.currentTimeMillis();
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    String appointmentAnswered(String asked) {
        return swapped.getOrDefault(asked, asked);
    }
}
