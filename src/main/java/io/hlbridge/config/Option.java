package io.hlbridge.config;

import java.util.Locale;

/**
 * One configuration key: its type, its default (in code, so an embedding application's own
 * {@code application.properties} never removes it) and what it means. {@code defaultValue} is the text a user
 * would write; empty when the key is unset by default ({@code emptyMeans} then says what that means). Secrets
 * are never printed by the bridge or by Camel's start-up summary.
 */
public record Option<T>(String key, OptionType<T> type, String defaultValue, String emptyMeans, boolean secret,
        boolean required, String description) {

    public static <T> Option<T> of(String key, OptionType<T> type, String defaultValue, String description) {
        return new Option<>(key, type, defaultValue, "", false, false, description);
    }

    /** A key that is empty by default, with what empty means. */
    public static <T> Option<T> unset(String key, OptionType<T> type, String emptyMeans, String description) {
        return new Option<>(key, type, "", emptyMeans, false, false, description);
    }

    public Option<T> asSecret() {
        return new Option<>(key, type, defaultValue, emptyMeans, true, required, description);
    }

    public Option<T> asRequired() {
        return new Option<>(key, type, defaultValue, emptyMeans, secret, true, description);
    }

    public boolean hasDefault() {
        return !defaultValue.isEmpty();
    }

    /** Reads a value of this option, or fails naming the key and what is wrong. */
    public T parse(String text) {
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** The environment variable that overrides this key: {@code SYNC_POLL_INTERVAL} for {@code sync.poll-interval}. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
