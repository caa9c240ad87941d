package io.hlbridge.inbox;

import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/** {@code bridge.retry.*}: backoff of failed work, when to give up, and how long a refused Apple ID is left alone. */
public record RetrySettings(Duration initialDelay, Duration maxDelay, int maxAttempts, Duration credentialsDelay) {

    public static RetrySettings from(Settings s) {
        return new RetrySettings(s.get(BridgeOptions.RETRY_INITIAL), s.get(BridgeOptions.RETRY_MAX),
                s.get(BridgeOptions.RETRY_ATTEMPTS), s.get(BridgeOptions.CREDENTIALS_DELAY));
    }
}
