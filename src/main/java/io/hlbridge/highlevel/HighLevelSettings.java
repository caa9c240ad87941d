package io.hlbridge.highlevel;

import java.net.URI;
import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/** {@code highlevel.api-url}, {@code highlevel.rate-limit.*}, {@code highlevel.timeout} and the answer size limit. */
public record HighLevelSettings(URI apiUrl, int maxRequests, Duration window, Duration timeout, long maxAnswerBytes) {

    public static HighLevelSettings from(Settings s) {
        return new HighLevelSettings(s.get(BridgeOptions.HIGHLEVEL_API_URL), s.get(BridgeOptions.RATE_LIMIT_MAX),
                s.get(BridgeOptions.RATE_LIMIT_WINDOW), s.get(BridgeOptions.HIGHLEVEL_TIMEOUT),
                s.get(BridgeOptions.HIGHLEVEL_MAX_ANSWER));
    }
}
