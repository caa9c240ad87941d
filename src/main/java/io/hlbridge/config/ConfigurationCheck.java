package io.hlbridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;


/**
 * Checks the whole configuration before anything starts, and reports every problem at once, each with its key and
 * the fix: unknown keys under the bridge's prefixes (with the nearest known key), values that do not parse
 * (durations without a unit, bad zones, bad choices, numbers out of range), connection blocks missing keys (with the
 * environment variable that can supply each), and options that contradict each other.
 */
public final class ConfigurationCheck {
    private ConfigurationCheck() {
    }

    /** Throws {@link InvalidConfigurationException} listing every problem; returns the warnings otherwise. */
    public static List<String> verify(Settings settings, Map<String, String> environment) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return unknownEnvironmentVariables(environment);
    }

    public static List<String> problems(Settings s) {
        List<String> problems = new ArrayList<>();
        Set<String> known = BridgeOptions.ALL.stream().map(Option::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> connections = s.connectionNames();
        List<String> fields = BridgeOptions.CONNECTION_FIELDS.stream().map(Option::key).toList();
        for (String key : s.keys()) {
            if (BridgeOptions.PREFIXES.stream().noneMatch(key::startsWith)) {
                MisspeltKeys.problem(key).ifPresent(problems::add);
                continue;
            }
            if (known.contains(key)) {
                continue;
            }
            String[] block = Settings.connectionKey(key);
            if (block != null && connections.contains(block[0])) {
                if (!fields.contains(block[1])) {
                    problems.add(key + " is not a connection key" + NearestName.suggestion(block[1], fields)
                            .replace("did you mean ", "did you mean connections." + block[0] + ".")
                            + " (connection keys: " + String.join(", ", fields) + ")");
                }
            } else if (!key.startsWith("connections.")) {
                problems.add(key + " is not a key of the bridge" + NearestName.suggestion(key, known));
            }
        }
        for (Option<?> o : BridgeOptions.ALL) {
            check(problems, o.key(), s.raw(o.key()), o);
        }
        for (String name : connections) {
            for (Option<?> field : BridgeOptions.CONNECTION_FIELDS) {
                String key = BridgeOptions.connectionKey(name, field);
                String text = s.raw(key);
                if (text == null && field.required()) {
                    problems.add(key + " is missing: set it in application.properties or in the environment as "
                            + Option.environmentVariable(key));
                }
                if (text == null && field == BridgeOptions.HIGHLEVEL_TOKEN
                        && s.raw(BridgeOptions.OAUTH_CLIENT_ID.key()) == null) {
                    problems.add(key + " is missing: set it in application.properties or in the environment as "
                            + Option.environmentVariable(key) + ", or set " + BridgeOptions.OAUTH_CLIENT_ID.key()
                            + " so the location's Marketplace installation gives the token");
                }
                check(problems, key, text, field);
            }
        }
        if (problems.isEmpty()) {
            crossChecks(s, connections, problems);
        }
        return problems;
    }

    private static void check(List<String> problems, String key, String text, Option<?> option) {
        if (text == null) {
            return;
        }
        try {
            option.type().parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
        }
    }

    /** Options that parse alone but cannot go together. */
    private static void crossChecks(Settings s, Set<String> connections, List<String> problems) {
        Duration retention = s.get(BridgeOptions.INBOX_RETENTION);
        Duration maxAge = s.get(BridgeOptions.WEBHOOK_MAX_AGE);
        if (retention.compareTo(maxAge) < 0) {
            problems.add(BridgeOptions.INBOX_RETENTION.key() + " (" + retention + ") must not be shorter than "
                    + BridgeOptions.WEBHOOK_MAX_AGE.key() + " (" + maxAge + "): the stored webhook id is what"
                    + " refuses a replay");
        }
        if (s.get(BridgeOptions.RETRY_INITIAL).compareTo(s.get(BridgeOptions.RETRY_MAX)) > 0) {
            problems.add(BridgeOptions.RETRY_INITIAL.key() + " must not be longer than " + BridgeOptions.RETRY_MAX.key());
        }
        String key = s.get(BridgeOptions.SECRET_KEY);
        if (key != null) {
            try {
                SecretKeyFormat.decode(key);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        String token = s.get(BridgeOptions.ADMIN_TOKEN);
        String host = s.get(BridgeOptions.MANAGEMENT_HOST);
        if (token != null && token.length() < 24) {
            problems.add(BridgeOptions.ADMIN_TOKEN.key() + " must be at least 24 characters (openssl rand -base64 24)");
        }
        if (token == null && !isLoopback(host)) {
            problems.add(BridgeOptions.ADMIN_TOKEN.key() + " is missing: camel.management.host=" + host + " opens the"
                    + " admin API and status page beyond this machine, which needs a token (openssl rand -base64 24)");
        }
        boolean oauth = s.get(BridgeOptions.OAUTH_CLIENT_ID) != null;
        if (oauth) {
            for (Option<?> needed : List.of(BridgeOptions.OAUTH_CLIENT_SECRET, BridgeOptions.OAUTH_REDIRECT_URI,
                    BridgeOptions.SECRET_KEY)) {
                if (s.raw(needed.key()) == null) {
                    problems.add(needed.key() + " is missing: " + BridgeOptions.OAUTH_CLIENT_ID.key() + " is set, and"
                            + " the Marketplace app needs it (environment variable "
                            + Option.environmentVariable(needed.key()) + ")");
                }
            }
        }
        if (s.get(BridgeOptions.BLOCKED_SLOT_SCOPE) == BlockedSlotScope.CALENDAR) {
            for (String name : connections) {
                if (s.connection(name, BridgeOptions.CALENDAR_ID) == null) {
                    problems.add(BridgeOptions.connectionKey(name, BridgeOptions.CALENDAR_ID) + " is missing:"
                            + " sync.blocked-slot-scope=calendar needs the HighLevel calendar each connection blocks");
                }
            }
        }
    }

    /** Whether the management server listens on this machine only. */
    public static boolean isLoopback(String host) {
        return host == null || host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")
                || host.equals("[::1]");
    }

    /**
     * Environment variables under the bridge's prefixes that name no key: only warned about, since the environment
     * is shared with other programs (and a connection's variables belong to keys that exist in a file).
     */
    static List<String> unknownEnvironmentVariables(Map<String, String> environment) {
        Set<String> known = BridgeOptions.ALL.stream().map(o -> Option.environmentVariable(o.key()))
                .collect(Collectors.toSet());
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            boolean ours = BridgeOptions.PREFIXES.stream().anyMatch(p -> name.startsWith(Option.environmentVariable(p)));
            if (ours && !name.startsWith("CONNECTIONS_") && !known.contains(name)) {
                warnings.add("Environment variable " + name + " names no key of the bridge" + NearestName.suggestion(
                        name, known) + "; it is ignored");
            }
        }
        return warnings;
    }
}
