package io.hlbridge.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an option's text means, and how it is read. {@link #parse} throws {@link IllegalArgumentException} whose
 * message says what is wrong with the text and how to write it; the caller prefixes the key.
 */
public interface OptionType<T> {

    T parse(String text);

    /** Durations need a unit: a bare {@code 60} was once taken as 60 milliseconds and polled iCloud 260 times in 20 s. */
    static OptionType<Duration> duration() {
        return DURATION;
    }

    static OptionType<Integer> integer(int min, int max) {
        return text -> {
            int n;
            try {
                n = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(n + " is outside " + min + ".." + max);
            }
            return n;
        };
    }

    /** Written lower-case with hyphens ({@code respect-transp} for {@code RESPECT_TRANSP}). */
    static <E extends Enum<E>> OptionType<E> choice(Class<E> type) {
        return text -> {
            String constant = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(constant)) {
                    return e;
                }
            }
            List<String> allowed = Arrays.stream(type.getEnumConstants()).map(OptionType::written).toList();
            throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", allowed)
                    + NearestName.suggestion(text.trim().toLowerCase(Locale.ROOT), allowed));
        };
    }

    /** The configuration's spelling of an enum constant. */
    static String written(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A size: a number of bytes, or with a unit (KB, MB, GB: powers of 1024). */
    static OptionType<Long> bytes() {
        return text -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?")
                    .matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a size (like 16MB, 512KB or 1048576)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2);
            long size = switch (unit) {
                case "kb" -> n << 10;
                case "mb" -> n << 20;
                case "gb" -> n << 30;
                default -> n;
            };
            if (size < 1024) {
                throw new IllegalArgumentException("'" + text + "' is less than 1KB");
            }
            return size;
        };
    }

    static OptionType<ZoneId> zone() {
        return ZONE;
    }

    /** An absolute http(s) URL. */
    static OptionType<URI> url() {
        return text -> {
            URI u;
            try {
                u = URI.create(text.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a URL");
            }
            if (!("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    || u.getHost() == null) {
                throw new IllegalArgumentException("'" + text + "' is not an absolute http(s) URL (like https://host/)");
            }
            return u;
        };
    }

    /** Text taken as it is (trimmed). */
    static OptionType<String> text() {
        return String::trim;
    }

    /** An HTTP path: starts with a slash. */
    static OptionType<String> path() {
        return text -> {
            String t = text.trim();
            if (!t.startsWith("/") || t.contains(" ")) {
                throw new IllegalArgumentException("'" + text + "' is not a path (like /webhooks/highlevel)");
            }
            return t;
        };
    }

    /** Comma-separated values; {@code allowed} empty means anything goes. */
    static OptionType<List<String>> list(Set<String> allowed) {
        return text -> {
            List<String> values = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toList());
            for (String v : values) {
                if (!allowed.isEmpty() && !allowed.contains(v)) {
                    throw new IllegalArgumentException("'" + v + "' is not one of " + String.join(", ",
                            allowed.stream().sorted().toList()) + NearestName.suggestion(v, allowed));
                }
            }
            return List.copyOf(values);
        };
    }

    OptionType<Duration> DURATION = text -> {
        String v = text.trim().toLowerCase(Locale.ROOT);
        String examples = " (write it with a unit: 500ms, 30s, 5m, 1h, 1d, or ISO-8601 like PT5M)";
        if (v.matches("-?\\d+")) {
            throw new IllegalArgumentException("'" + text + "' has no unit; write " + v + "s for seconds" + examples);
        }
        try {
            if (v.startsWith("p")) {
                return positive(Duration.parse(v.toUpperCase(Locale.ROOT)), text);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException();
            }
            long n = Long.parseLong(m.group(1));
            return positive(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            }, text);
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().contains("not positive")) {
                throw e;
            }
            throw new IllegalArgumentException("'" + text + "' is not a duration" + examples);
        }
    };

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not positive");
        }
        return d;
    }

    OptionType<ZoneId> ZONE = text -> {
        try {
            return ZoneId.of(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time zone (an IANA name like Europe/Berlin)"
                    + NearestName.suggestion(text.trim(), ZoneId.getAvailableZoneIds()));
        }
    };
}
