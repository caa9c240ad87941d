package io.hlbridge.inbox;

import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/** {@code bridge.inbox.retention}: how long applied and skipped entries (and their bodies) are kept. */
public record InboxSettings(Duration retention) {

    public static InboxSettings from(Settings s) {
        return new InboxSettings(s.get(BridgeOptions.INBOX_RETENTION));
    }
}
