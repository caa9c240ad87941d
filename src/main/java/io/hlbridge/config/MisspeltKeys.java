package io.hlbridge.config;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainConfigurationProperties;

/**
 * Keys outside the bridge's prefixes that are likely typos, which Camel would otherwise ignore without a word: a
 * misspelt prefix ({@code conections.bob.apple-id}), a misspelt group of Camel's that operators set
 * ({@code camel.managment.port}), or a property those groups do not have ({@code camel.management.prot}). Only the
 * groups {@code camel.main}, {@code camel.server} and {@code camel.management} are checked property by property
 * (their properties are read from Camel's own classes); any other {@code camel.} key is left to Camel.
 */
final class MisspeltKeys {
    private static final Map<String, Class<?>> CAMEL_GROUPS = Map.of("main", MainConfigurationProperties.class,
            "server", HttpServerConfigurationProperties.class,
            "management", HttpManagementServerConfigurationProperties.class);
    /** Other groups camel-main reads, which are not typos of the three above however close they look. */
    private static final Set<String> OTHER_CAMEL_GROUPS = Set.of("component", "dataformat", "language", "rest",
            "health", "lra", "threadpool", "resilience4j", "faulttolerance", "routetemplate", "beans", "vault", "ssl",
            "debug", "trace", "routecontroller", "metrics", "opentelemetry", "opentelemetry2", "telemetryDev",
            "startupcondition", "jbang", "kubernetes", "cloud", "cluster", "tracing", "variable", "context", "jmx");
    private static final List<String> BRIDGE_PREFIXES = BridgeOptions.PREFIXES.stream()
            .map(p -> p.substring(0, p.length() - 1)).toList();

    private MisspeltKeys() {
    }

    /** What is wrong with {@code key}, when it looks like a typo. */
    static Optional<String> problem(String key) {
        int dot = key.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String first = key.substring(0, dot);
        String rest = key.substring(dot + 1);
        if (first.equals("camel")) {
            return camel(key, rest);
        }
        if (BRIDGE_PREFIXES.contains(first)) {
            return Optional.empty();
        }
        return closest(first, BRIDGE_PREFIXES).map(p -> key + " is under no prefix the bridge reads; did you mean "
                + p + "." + rest + "?");
    }

    private static Optional<String> camel(String key, String rest) {
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String group = rest.substring(0, dot);
        String property = rest.substring(dot + 1);
        Class<?> properties = CAMEL_GROUPS.get(group);
        if (properties == null) {
            if (OTHER_CAMEL_GROUPS.contains(group)) {
                return Optional.empty();
            }
            return closest(group, CAMEL_GROUPS.keySet().stream().sorted().toList()).map(g -> key
                    + " is not a key Camel reads; did you mean camel." + g + "." + property + "?");
        }
        if (property.contains(".")) {
            return Optional.empty(); // a nested property: Camel's to check
        }
        Set<String> names = propertyNames(properties);
        if (names.stream().anyMatch(n -> normal(n).equals(normal(property)))) {
            return Optional.empty();
        }
        Map<String, String> byNormal = new TreeMap<>();
        names.forEach(n -> byNormal.put(normal(n), n));
        return Optional.of(key + " is not a key Camel reads" + NearestName.nearest(normal(property), byNormal.keySet())
                .map(n -> "; did you mean camel." + group + "." + byNormal.get(n) + "?").orElse(""));
    }

    /** The properties a group's class can be set with, as camel-main's keys write them (kebab case). */
    private static Set<String> propertyNames(Class<?> c) {
        Set<String> names = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (m.getName().startsWith("set") && m.getName().length() > 3 && m.getParameterCount() == 1) {
                names.add(m.getName().substring(3).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static String normal(String name) {
        return name.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** A known name one edit away (two for names of eight letters or more), if any. */
    private static Optional<String> closest(String wrong, List<String> known) {
        return known.stream().filter(k -> {
            int d = NearestName.distance(wrong.toLowerCase(Locale.ROOT), k);
            return d > 0 && d <= (k.length() >= 8 ? 2 : 1);
        }).findFirst();
    }
}
