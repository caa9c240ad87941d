package io.hlbridge.config;

import java.time.Duration;
import java.time.Instant;

/** {@code sync.window.*}: busy time and reconciliation cover [now - past-days, now + future-days]. */
public record SyncWindow(int pastDays, int futureDays) {

    public static SyncWindow from(Settings s) {
        return new SyncWindow(s.get(BridgeOptions.WINDOW_PAST_DAYS), s.get(BridgeOptions.WINDOW_FUTURE_DAYS));
    }

    public Instant start(Instant now) {
        return now.minus(Duration.ofDays(pastDays));
    }

    public Instant end(Instant now) {
        return now.plus(Duration.ofDays(futureDays));
    }
}
