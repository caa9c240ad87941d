package io.hlbridge.caldav;

import java.net.URI;
import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/** {@code icloud.*}: where discovery starts, how long and large an answer may be, how many events a multiget fetches. */
public record CalDavSettings(URI url, Duration timeout, long maxAnswerBytes, int multigetBatchSize) {

    public static CalDavSettings from(Settings s) {
        return new CalDavSettings(s.get(BridgeOptions.CALDAV_URL), s.get(BridgeOptions.CALDAV_TIMEOUT),
                s.get(BridgeOptions.CALDAV_MAX_ANSWER), s.get(BridgeOptions.MULTIGET_BATCH));
    }
}
