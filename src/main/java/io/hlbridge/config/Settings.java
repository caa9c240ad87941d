package io.hlbridge.config;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration as the bridge reads it: values looked up through one function, so that whoever runs the bridge
 * decides precedence (camel-main: system property, environment variable, ./application.properties, the
 * application's own file), and the catalogue's defaults under them. {@link ConfigurationCheck} has checked every
 * value before anything reads one, so {@link #get} only fails on a bug.
 */
public final class Settings {

    /** How values are looked up; returns null when the key is not set. */
    public interface Lookup {
        String get(String key);
    }

    private final Lookup lookup;
    private final Set<String> keys;

    /**
     * @param keys every key set in a file or as a system property (environment variables are only looked up for
     *             keys known here or in the catalogue, since their names do not say where a connection name ends)
     */
    public Settings(Lookup lookup, Collection<String> keys) {
        this.lookup = lookup;
        this.keys = new TreeSet<>(keys);
    }

    /** The text under a key, trimmed; null when unset or blank. */
    public String raw(String key) {
        String v = lookup.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The option's value, its default when unset, or null when it has neither. */
    public <T> T get(Option<T> option) {
        return value(option.key(), option);
    }

    /** A field of a connection block. */
    public <T> T connection(String name, Option<T> field) {
        return value(BridgeOptions.connectionKey(name, field), field);
    }

    private <T> T value(String key, Option<T> option) {
        String text = raw(key);
        if (text == null) {
            text = option.hasDefault() ? option.defaultValue() : null;
        }
        if (text == null) {
            return null;
        }
        try {
            return option.type().parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** Every key set, for the check of unknown keys. */
    public Set<String> keys() {
        return keys;
    }

    /**
     * The names of the connection blocks: {@code connections.<name>.*} naming at least one connection field. A block
     * with no connection field at all is left alone: an embedding application may have keys of its own there.
     */
    public Set<String> connectionNames() {
        Set<String> names = new TreeSet<>();
        for (String key : keys) {
            String[] parts = connectionKey(key);
            if (parts != null && BridgeOptions.CONNECTION_FIELDS.stream().anyMatch(f -> f.key().equals(parts[1]))) {
                names.add(parts[0]);
            }
        }
        return names;
    }

    /** {name, field} of a {@code connections.<name>.<field>} key, or null. */
    static String[] connectionKey(String key) {
        if (!key.startsWith("connections.")) {
            return null;
        }
        String rest = key.substring("connections.".length());
        int dot = rest.indexOf('.');
        return dot > 0 ? new String[] {rest.substring(0, dot), rest.substring(dot + 1)} : null;
    }
}
