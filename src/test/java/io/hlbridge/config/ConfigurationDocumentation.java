package io.hlbridge.config;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * docs/configuration.md's table, the packaged application.properties and the Spring Boot configuration metadata,
 * written from the catalogue: run
 * {@code main} after adding an option and paste its output (ConfigurationDocumentationTest fails until both agree).
 */
public final class ConfigurationDocumentation {
    private ConfigurationDocumentation() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "table";
        System.out.println(what.equals("properties") ? properties() : what.equals("spring") ? springMetadata()
                : readmeTable());
    }

    /**
     * META-INF/spring-configuration-metadata.json: the keys with their types, meanings, defaults and choices, so that a
     * Spring Boot host's IDE completes and explains them in application.yml. The type is the one the default parses
     * to; connections are one map per name.
     */
    static String springMetadata() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        for (Option<?> o : BridgeOptions.ALL) {
            if (o.key().startsWith("camel.")) {
                continue; // the host's own keys, described by camel-spring-boot
            }
            ObjectNode p = properties.addObject().put("name", o.key());
            Object parsed = o.hasDefault() ? o.parse(o.defaultValue()) : null;
            p.put("type", parsed instanceof List<?> ? "java.util.List<java.lang.String>"
                    : parsed instanceof Long ? "org.springframework.util.unit.DataSize" // sizes: 16MB
                    : parsed == null || parsed instanceof Enum<?> ? "java.lang.String" // choices: the hints list them
                    : parsed.getClass().getName().replace("java.time.ZoneRegion", "java.time.ZoneId"));
            p.put("description", o.description());
            if (o.hasDefault()) {
                p.put("defaultValue", o.defaultValue());
            }
            if (parsed instanceof Enum<?> e) {
                ArrayNode values = hints.addObject().put("name", o.key()).putArray("values");
                for (Enum<?> c : e.getDeclaringClass().getEnumConstants()) {
                    values.addObject().put("value", OptionType.written(c));
                }
            }
        }
        StringBuilder fields = new StringBuilder();
        for (Option<?> f : BridgeOptions.CONNECTION_FIELDS) {
            fields.append(fields.length() == 0 ? "" : ", ").append(f.key());
        }
        properties.addObject().put("name", "connections").put("type",
                "java.util.Map<java.lang.String,java.util.Map<java.lang.String,java.lang.String>>").put("description",
                "One block per HighLevel user and Apple ID: connections.<name>.<field>, the fields being " + fields
                        + ".");
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** docs/configuration.md's table: one row per key. */
    static String readmeTable() {
        List<String> rows = new ArrayList<>(List.of("| Key | Default | Meaning |", "|---|---|---|"));
        for (Option<?> o : BridgeOptions.ALL) {
            rows.add("| `" + o.key() + "` | " + readmeDefault(o) + " | " + o.description() + " |");
        }
        for (Option<?> f : BridgeOptions.CONNECTION_FIELDS) {
            rows.add("| `connections.<name>." + f.key() + "` | " + readmeDefault(f) + " | " + f.description()
                    + (f.secret() ? " Secret: never logged." : "") + " |");
        }
        return String.join("\n", rows);
    }

    static String readmeDefault(Option<?> o) {
        if (o.hasDefault()) {
            return "`" + o.defaultValue() + "`";
        }
        return o.required() ? "required" : o.emptyMeans();
    }

    /** The packaged application.properties: every key commented out with its default. */
    static String properties() {
        StringBuilder b = new StringBuilder("""
                # HighLevel <-> iCloud calendar bridge: every key, with its default (the defaults live in the bridge's code;
                # this file only shows them). Uncomment what you change. An application.properties in the working directory
                # overrides this one key by key, an environment variable (SYNC_POLL_INTERVAL for sync.poll-interval) or a
                # system property (-Dsync.poll-interval=30s) overrides both. Durations need a unit: 500ms, 30s, 5m, 1h, 1d.
                """);
        for (Option<?> o : BridgeOptions.ALL) {
            b.append('\n');
            wrap(b, o.description() + (o.hasDefault() || o.emptyMeans().isEmpty() ? "" : " Empty: " + o.emptyMeans() + "."));
            b.append('#').append(o.key()).append('=').append(o.defaultValue()).append('\n');
        }
        b.append("\n# --- Connections: one block per HighLevel user <-> Apple ID (secrets: better in the environment, as\n"
                + "# CONNECTIONS_<NAME>_APP_PASSWORD and CONNECTIONS_<NAME>_HIGHLEVEL_TOKEN) ---\n");
        for (Option<?> f : BridgeOptions.CONNECTION_FIELDS) {
            b.append('\n');
            wrap(b, (f.required() ? "Required. " : "") + f.description()
                    + (f.emptyMeans().isEmpty() ? "" : " Empty: " + f.emptyMeans() + "."));
            b.append("#connections.<name>.").append(f.key()).append('=').append('\n');
        }
        return b.toString();
    }

    private static void wrap(StringBuilder b, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 116) {
                b.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        b.append(line).append('\n');
    }
}
