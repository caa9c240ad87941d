package io.hlbridge;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.main.Main;

/**
 * The standalone bridge. Reads the packaged {@code application.properties}, then {@code ./application.properties}
 * over it; system properties and environment variables override both. Loads {@code ./routes/*.camel.yaml}
 * when that folder exists, the routes packaged in the jar otherwise.
 */
public final class BridgeApplication {
    private BridgeApplication() {
    }

    public static void main(String[] args) throws Exception {
        newMain().run(args);
    }

    public static Main newMain() {
        Main main = new Main();
        main.configure().addConfiguration(BridgeConfiguration.class);
        // Camel's start-up summary prints property values and does not mask keys like app-password.
        main.configure().setAutoConfigurationLogSummary(false);
        main.setPropertyPlaceholderLocations(
                "file:application.properties;optional=true,classpath:application.properties;optional=true");
        if (System.getProperty("camel.main.routes-include-pattern") == null
                && System.getenv("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN") == null) {
            main.configure().withRoutesIncludePattern(Files.isDirectory(Path.of("routes"))
                    ? "file:routes/*.camel.yaml" : "classpath:routes/*.camel.yaml");
        }
        return main;
    }
}
