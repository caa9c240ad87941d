package io.hlbridge.caldav;

import java.net.URI;
import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/** {@code icloud.*}: where discovery starts, how long an answer may take, how many events one multiget fetches. */
public record CalDavSettings(URI url, Duration timeout, int multigetBatchSize) {

    public static CalDavSettings from(Settings s) {
        return new CalDavSettings(s.get(BridgeOptions.CALDAV_URL), s.get(BridgeOptions.CALDAV_TIMEOUT),
                s.get(BridgeOptions.MULTIGET_BATCH));
    }
}
