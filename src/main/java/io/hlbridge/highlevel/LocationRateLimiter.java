package io.hlbridge.highlevel;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HighLevel allows 100 requests per 10 s per location (burst limit). This limiter never lets more than
 * {@code maxRequests} requests of one location start within any {@code windowMillis}: a slot is held from the
 * moment a request starts until {@code windowMillis} after its response arrived, which is never earlier than
 * when HighLevel counted it. {@code X-RateLimit-Remaining: 0} (another app spending the same budget) pauses the
 * location until the oldest answer we hold is a window old; a 429 pauses it for its {@code Retry-After}.
 * After an answer said {@code X-RateLimit-Remaining: n}, the requests started after the one it answered, plus those
 * started before it whose answer had not come when it was sent (HighLevel may have counted them after it, even if
 * their answer came first), stay below n. Answers arrive out of order, so only the answer to the latest-sent request
 * counts: an older one's count is stale. Each of these slips let one request too many through (seen as one 429
 * after a crash and restart, and once on CI when two answers crossed). A location this process has not heard from
 * yet gets one request at a time until the first answer: after a crash and a quick restart, the requests of the
 * process that died still count at HighLevel, and only HighLevel knows how many.
 * <p>
 * Requests are made for a party (a connection, a calendar): when several parties wait for one location, they are
 * served in turn, one request each, so a calendar with a thousand slots to post cannot starve the other users of its
 * location; a party alone gets the whole budget. A location paused for longer than {@link #LONGEST_WAIT_MILLIS}
 * (a 429 with a long {@code Retry-After}) is not waited for: the caller is told, and postpones its work.
 */
public final class LocationRateLimiter {
    /** The longest a request waits for its location's budget before its work is postponed instead. */
    public static final long LONGEST_WAIT_MILLIS = 15_000;

    private final int maxRequests;
    private final long windowMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    /** Whether X-RateLimit-Remaining (and the one probe before the first answer) holds requests back. */
    private volatile boolean followsRemaining = true;

    public LocationRateLimiter(int maxRequests, long windowMillis) {
        this.maxRequests = maxRequests;
        this.windowMillis = windowMillis;
    }

    /**
     * From now on only this limiter's own count and 429s hold requests back, not X-RateLimit-Remaining: for when a
     * shared ledger ({@link RateBudget}) counts every node's requests, those of a node that died among them. The
     * header counts the other nodes' requests too, so heeding it made each node hold back for the others' share as
     * well (three nodes used 54% of one location's budget together, measured by NodesBench).
     */
    public void countOwnRequestsOnly() {
        followsRemaining = false;
    }

    /** Blocks until a request for this location may start; returns its ticket for {@link #release}. */
    public long acquire(String locationId) throws InterruptedException, HighLevelApiException.Paused {
        return acquire(locationId, "");
    }

    /** {@link #acquire(String)} for {@code party}, which takes its turn among the parties waiting for the location. */
    public long acquire(String locationId, String party) throws InterruptedException, HighLevelApiException.Paused {
        return windows.computeIfAbsent(locationId, k -> new Window()).acquire(party);
    }

    /**
     * The request started by {@link #acquire} with {@code ticket} has its answer; {@code remaining} is
     * X-RateLimit-Remaining, or null when there was no answer.
     */
    public void release(String locationId, long ticket, Integer remaining) {
        Window w = windows.get(locationId);
        if (w != null) {
            w.release(ticket, remaining);
        }
    }

    /** HighLevel answered 429: no request for this location starts for {@code millis}. */
    public void pause(String locationId, long millis) {
        windows.computeIfAbsent(locationId, k -> new Window()).pauseUntil(System.currentTimeMillis() + millis);
    }

    private final class Window {
        private final ArrayDeque<Long> finished = new ArrayDeque<>();
        private long pausedUntil;
        /** Requests started so far; each one's number is its ticket. */
        private long started;
        /** Every start and every answer takes the next number: it tells which answers came after a request was sent. */
        private long events;
        /** Tickets of the requests started and not answered yet → the event number of their start. */
        private final TreeMap<Long, Long> unanswered = new TreeMap<>();
        /** {ticket, event number of its answer} of answers that came while a request still unanswered was in flight. */
        private final ArrayDeque<long[]> recentAnswers = new ArrayDeque<>();
        /** The latest-sent request that was answered with X-RateLimit-Remaining (0: none yet), and that count. */
        private long referenceTicket;
        /** Requests started before the reference that HighLevel may not have counted in its remaining. */
        private long referenceUncertain;
        private long referenceRemaining = 1; // one probe until the first answer
        private long referenceAt = System.currentTimeMillis();
        /** Parties with requests waiting, in the order their turns come (a party served goes to the back). */
        private final LinkedHashMap<String, Integer> waiting = new LinkedHashMap<>();

        synchronized long acquire(String party) throws InterruptedException, HighLevelApiException.Paused {
            waiting.merge(party, 1, Integer::sum);
            boolean served = false;
            try {
                long ticket = awaitTurn(party);
                served = true;
                return ticket;
            } finally {
                int left = waiting.remove(party) - 1;
                if (left > 0) {
                    waiting.put(party, left); // to the back of the line: the other parties go first
                } else if (!served) {
                    notifyAll(); // the next party's turn
                }
            }
        }

        private long awaitTurn(String party) throws InterruptedException, HighLevelApiException.Paused {
            while (true) {
                long now = System.currentTimeMillis();
                if (pausedUntil - now > LONGEST_WAIT_MILLIS) {
                    throw new HighLevelApiException.Paused("HighLevel asked this location to wait until "
                            + Instant.ofEpochMilli(pausedUntil), pausedUntil);
                }
                while (!finished.isEmpty() && finished.peekFirst() + windowMillis <= now) {
                    finished.pollFirst();
                }
                long wait = 0;
                if (pausedUntil > now) {
                    wait = pausedUntil - now;
                } else if (finished.size() + unanswered.size() >= maxRequests) {
                    wait = finished.isEmpty() ? windowMillis : finished.peekFirst() + windowMillis - now;
                } else if (followsRemaining && countedAgainstReference() >= Math.max(1, referenceRemaining)) {
                    if (referenceAt + windowMillis <= now) { // that count is a window old: probe with one request
                        referenceTicket = started;
                        referenceUncertain = unanswered.size();
                        referenceRemaining = referenceUncertain + 1;
                        referenceAt = now;
                        continue;
                    }
                    wait = referenceAt + windowMillis - now; // or until an answer in flight arrives (release notifies)
                }
                if (wait <= 0 && party.equals(waiting.keySet().iterator().next())) {
                    unanswered.put(++started, ++events);
                    notifyAll(); // the next party may go too, if the budget allows
                    return started;
                }
                wait(Math.max(1, wait <= 0 ? 5 : wait)); // not this party's turn: the party whose turn it is goes first
            }
        }

        /** Requests that may not have been counted in the reference answer's remaining. */
        private long countedAgainstReference() {
            return started - referenceTicket + referenceUncertain;
        }

        synchronized void release(long ticket, Integer remaining) {
            long now = System.currentTimeMillis();
            long answered = ++events;
            Long sent = unanswered.remove(ticket);
            finished.addLast(now);
            if (!followsRemaining) {
                remaining = null; // the shared ledger decides; only this process's own count applies here
            }
            if (remaining != null && sent != null && ticket > referenceTicket) { // no answer, or a stale one, tells nothing
                long uncertain = unanswered.headMap(ticket).size();
                for (long[] a : recentAnswers) {
                    if (a[0] < ticket && a[1] > sent) {
                        uncertain++; // answered while this request was on its way: HighLevel may have counted it later
                    }
                }
                referenceTicket = ticket;
                referenceUncertain = uncertain;
                referenceRemaining = remaining;
                referenceAt = now;
            }
            recentAnswers.addLast(new long[] {ticket, answered});
            // an answer matters only to requests sent before it and still unanswered
            long oldestSent = unanswered.isEmpty() ? Long.MAX_VALUE : unanswered.firstEntry().getValue();
            while (!recentAnswers.isEmpty() && recentAnswers.peekFirst()[1] < oldestSent) {
                recentAnswers.pollFirst();
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
