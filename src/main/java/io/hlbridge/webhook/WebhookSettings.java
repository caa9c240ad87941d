package io.hlbridge.webhook;

import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/** {@code highlevel.webhook.*}: the signature keys (null: HighLevel's published ones) and the replay window. */
public record WebhookSettings(String ed25519Key, String rsaKey, Duration maxAge) {

    public static WebhookSettings from(Settings s) {
        return new WebhookSettings(s.get(BridgeOptions.WEBHOOK_ED25519_KEY), s.get(BridgeOptions.WEBHOOK_RSA_KEY),
                s.get(BridgeOptions.WEBHOOK_MAX_AGE));
    }
}
