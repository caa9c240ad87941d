package io.hlbridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.hlbridge.connections.Connection;

/**
 * The configuration contract (DESIGN.md §4) read through one lookup function, so that Camel's property
 * placeholders (file, packaged defaults, system properties, environment variables) decide every value.
 */
public final class BridgeSettings {

    /** How values are looked up; returns null when the key is not set. */
    public interface Lookup {
        String get(String key);
    }

    private final Lookup lookup;
    private final Set<String> connectionNames;

    public BridgeSettings(Lookup lookup, Set<String> connectionNames) {
        this.lookup = lookup;
        this.connectionNames = new TreeSet<>(connectionNames);
    }

    /** Connection names from keys shaped {@code connections.<name>.<field>}. */
    public static Set<String> connectionNames(Iterable<String> keys) {
        Set<String> names = new TreeSet<>();
        for (String key : keys) {
            if (key.startsWith("connections.")) {
                String rest = key.substring("connections.".length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    names.add(rest.substring(0, dot));
                }
            }
        }
        return names;
    }

    public String string(String key, String defaultValue) {
        String v = lookup.get(key);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    public String required(String key) {
        String v = string(key, null);
        if (v == null) {
            throw new IllegalArgumentException("Configuration key " + key + " is required");
        }
        return v;
    }

    public int integer(String key, int defaultValue) {
        String v = string(key, null);
        try {
            return v == null ? defaultValue : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration key " + key + " must be a whole number, got '" + v + "'");
        }
    }

    public Duration duration(String key, Duration defaultValue) {
        String v = string(key, null);
        return v == null ? defaultValue : parseDuration(key, v);
    }

    public List<String> list(String key, String defaultValue) {
        String v = string(key, defaultValue);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        String constant = v.toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, constant);
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("Configuration key " + key + " is '" + v + "'; allowed: " + allowed);
        }
    }

    /** Accepts 500ms, 30s, 5m, 2h, 1d, a bare number of milliseconds, or ISO-8601 (PT5M). */
    public static Duration parseDuration(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            char unit = v.charAt(v.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofMillis(Long.parseLong(v));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Configuration key " + key + " is '" + value
                    + "', not a duration (examples: 500ms, 30s, 5m, 1h)");
        }
    }

    public List<Connection> connections() {
        List<Connection> result = new ArrayList<>();
        for (String name : connectionNames) {
            Function<String, String> f = field -> string("connections." + name + "." + field, null);
            result.add(new Connection(name, f.apply("location-id"), f.apply("user-id"), f.apply("highlevel-token"),
                    f.apply("apple-id"), f.apply("app-password"), f.apply("linked-calendar"),
                    list("connections." + name + ".conflict-calendars", null), f.apply("time-zone"),
                    f.apply("calendar-id")));
        }
        for (Connection c : result) {
            String[][] required = {{"location-id", c.locationId()}, {"user-id", c.userId()},
                {"highlevel-token", c.highLevelToken()}, {"apple-id", c.appleId()}, {"app-password", c.appPassword()},
                {"linked-calendar", c.linkedCalendar()}};
            for (String[] field : required) {
                if (field[1] == null || field[1].isEmpty()) {
                    throw new IllegalArgumentException("Connection '" + c.name() + "' has no connections." + c.name()
                            + "." + field[0]);
                }
            }
        }
        return result;
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(string(key, null));
    }
}
