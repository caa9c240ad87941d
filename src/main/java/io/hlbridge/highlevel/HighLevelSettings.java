package io.hlbridge.highlevel;

import java.net.URI;
import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/** {@code highlevel.api-url}, {@code highlevel.rate-limit.*} and {@code highlevel.timeout}. */
public record HighLevelSettings(URI apiUrl, int maxRequests, Duration window, Duration timeout) {

    public static HighLevelSettings from(Settings s) {
        return new HighLevelSettings(s.get(BridgeOptions.HIGHLEVEL_API_URL), s.get(BridgeOptions.RATE_LIMIT_MAX),
                s.get(BridgeOptions.RATE_LIMIT_WINDOW), s.get(BridgeOptions.HIGHLEVEL_TIMEOUT));
    }
}
