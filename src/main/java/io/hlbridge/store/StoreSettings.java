package io.hlbridge.store;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/**
 * {@code bridge.db.*}: where the inbox and link store live; {@code bridge.secret-key} (null when unset) seals the
 * secrets of stored connections.
 */
public record StoreSettings(String url, String user, String password, int poolSize, String secretKey) {

    public StoreSettings(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, null);
    }

    public static StoreSettings from(Settings s) {
        return new StoreSettings(s.get(BridgeOptions.DB_URL), s.get(BridgeOptions.DB_USER),
                s.get(BridgeOptions.DB_PASSWORD), s.get(BridgeOptions.DB_POOL_SIZE), s.get(BridgeOptions.SECRET_KEY));
    }

    @Override
    public String toString() {
        return "StoreSettings[" + Database.describe(url) + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
