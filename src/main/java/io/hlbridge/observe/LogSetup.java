package io.hlbridge.observe;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import io.hlbridge.config.Option;
import io.hlbridge.nodes.NodeSettings;

/**
 * log4j reads its configuration before Camel reads the bridge's: {@code bridge.log.level} and
 * {@code bridge.log.format} are made system properties (from the system properties, the environment, or
 * {@code ./application.properties}, in that order) before the first logger is made. Runs before any logging, so it
 * logs nothing itself; a bad value is reported by the configuration check like any other. {@code bridge.node-id} goes
 * the same way, defaulted here when unset, so every line names its node and the node uses the same id.
 */
public final class LogSetup {
    private static final List<String> KEYS = List.of("bridge.log.level", "bridge.log.format", "bridge.node-id");

    private LogSetup() {
    }

    public static void prepare() {
        Properties file = new Properties();
        Path local = Path.of("application.properties");
        if (Files.isRegularFile(local)) {
            try (Reader r = Files.newBufferedReader(local, StandardCharsets.ISO_8859_1)) {
                file.load(r);
            } catch (IOException e) {
                // the configuration check reports an unreadable file
            }
        }
        for (String key : KEYS) {
            if (System.getProperty(key) != null) {
                continue;
            }
            String value = System.getenv(Option.environmentVariable(key));
            if (value == null) {
                value = file.getProperty(key);
            }
            if (value != null && !value.isBlank()) {
                System.setProperty(key, value.trim().toLowerCase(Locale.ROOT).equals("json") ? "json" : value.trim());
            }
        }
        if (System.getProperty("bridge.node-id") == null) {
            System.setProperty("bridge.node-id", NodeSettings.defaultId());
        }
    }
}
