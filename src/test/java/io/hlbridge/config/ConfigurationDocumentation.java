package io.hlbridge.config;

import java.util.ArrayList;
import java.util.List;

/**
 * docs/configuration.md's table and the packaged application.properties, written from the catalogue: run
 * {@code main} after adding an option and paste its output (ConfigurationDocumentationTest fails until both agree).
 */
public final class ConfigurationDocumentation {
    private ConfigurationDocumentation() {
    }

    public static void main(String[] args) {
        System.out.println(args.length > 0 && args[0].equals("properties") ? properties() : readmeTable());
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
