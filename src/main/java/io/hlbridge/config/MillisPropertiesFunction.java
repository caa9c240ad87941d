package io.hlbridge.config;

import org.apache.camel.spi.PropertiesFunction;

/**
 * {@code {{millis:sync.poll-interval}}}: the duration under a key (30s, 5m, PT1H) in milliseconds, for endpoint
 * options that take a plain number (Quartz's {@code trigger.repeatInterval}).
 */
public class MillisPropertiesFunction implements PropertiesFunction {
    @Override
    public String getName() {
        return "millis";
    }

    @Override
    public boolean lookupFirst(String remainder) {
        return true; // Camel resolves the key first and hands us its value
    }

    @Override
    public String apply(String value) {
        return String.valueOf(BridgeSettings.parseDuration("duration", value).toMillis());
    }
}
