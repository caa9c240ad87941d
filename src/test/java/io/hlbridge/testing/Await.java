package io.hlbridge.testing;

import java.time.Duration;

/** Polls a condition until it holds or the time is up (then fails with the message and the last value seen). */
public final class Await {
    public interface Check<T> {
        T get() throws Exception;
    }

    private Await() {
    }

    public static <T> T until(Duration timeout, Check<T> value, java.util.function.Predicate<T> done, String what)
            throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < end) {
            last = value.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
    }
}
