package io.hlbridge.config;

import org.apache.camel.spi.PropertiesFunction;

/**
 * {@code {{millis:sync.poll-interval}}}: the duration under a key (30s, 5m, PT1H) in milliseconds, for endpoint
 * options that take a plain number (Quartz's {@code trigger.repeatInterval}, the timer's {@code period}).
 */
public class MillisPropertiesFunction implements PropertiesFunction {
    static final String NAME = "millis";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean lookupFirst(String remainder) {
        return true; // Camel resolves the key first and hands us its value
    }

    @Override
    public String apply(String value) {
        return String.valueOf(OptionType.duration().parse(value).toMillis());
    }
}
