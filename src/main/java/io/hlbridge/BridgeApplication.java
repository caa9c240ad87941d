package io.hlbridge;

import java.nio.file.Files;
import java.nio.file.Path;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.InvalidConfigurationException;
import io.hlbridge.config.Option;
import io.hlbridge.http.GuardedHttpServerFactory;
import io.hlbridge.observe.LogSetup;
import io.hlbridge.runtime.FatalErrors;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone bridge. Reads the packaged {@code application.properties}, then {@code ./application.properties}
 * over it; environment variables and system properties override both, and the catalogue's defaults lie under all.
 * Loads {@code ./routes/*.camel.yaml} when that folder exists, the routes packaged in the jar otherwise. A bridge that
 * cannot start (configuration, port, routes) exits non-zero with the reason: 2 for the configuration, 1 otherwise.
 */
public final class BridgeApplication {
    private BridgeApplication() {
    }

    public static void main(String[] args) {
        LogSetup.prepare(); // before the first logger: log4j reads bridge.log.* as system properties
        FatalErrors.haltOnFatal();
        int exit;
        try {
            exit = newMain().run(args);
        } catch (Exception e) {
            exit = report(e);
        }
        // log4j's shutdown hook is off (log4j2.xml), so the lines Camel logs while it drains are all written
        if (exit != 0) {
            System.exit(exit);
        }
    }

    public static Main newMain() {
        Main main = new Main();
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.bind("bridgeHttpServerFactory", new GuardedHttpServerFactory()); // camel-main looks it up by type
        main.setPropertyPlaceholderLocations(
                "file:application.properties;optional=true,classpath:application.properties;optional=true");
        // camel-main reads camel.server.* before any configuration class runs: the standalone defaults go in here.
        main.addInitialProperty("camel.main.name", "highlevel-icloud-bridge");
        main.addInitialProperty("camel.main.startup-summary-level", "Brief"); // one line for 12 routes
        main.addInitialProperty("camel.main.auto-configuration-log-summary", "false"); // 60 lines of every key
        main.addInitialProperty("camel.server.enabled", "true");
        // Camel's management server: health and Prometheus metrics, beside which the admin API and status page live
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        main.addInitialProperty("camel.management.metrics-enabled", "true");
        main.addInitialProperty("camel.metrics.enabled", "true");
        main.addInitialProperty("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor,file-descriptor,uptime");
        main.addInitialProperty("camel.health.exposure-level", "full");
        for (Option<?> o : BridgeOptions.ALL) {
            if (o.key().startsWith("camel.")) {
                main.addInitialProperty(o.key(), o.defaultValue());
                // camel-main skips variables ending in _PORT (it takes them for Kubernetes service links)
                String env = System.getenv(Option.environmentVariable(o.key()));
                if (env != null && System.getProperty(o.key()) == null) {
                    main.addOverrideProperty(o.key(), env);
                }
            }
        }
        if (System.getProperty("camel.main.routes-include-pattern") == null
                && System.getenv("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN") == null) {
            main.configure().withRoutesIncludePattern(Files.isDirectory(Path.of("routes"))
                    ? "file:routes/*.camel.yaml" : "classpath:routes/*.camel.yaml");
        }
        return main;
    }

    /**
     * Logs why the bridge did not start, without a stack trace for the reasons a user can fix; returns the exit code
     * (2 for the configuration, 1 otherwise).
     */
    public static int report(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException c) {
                log().error(c.getMessage());
                return 2;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        log().error("The bridge did not start: {}", root.getMessage() == null ? root.toString() : root.getMessage());
        log().debug("Start-up failure", e);
        return 1;
    }

    private static Logger log() {
        return LoggerFactory.getLogger(BridgeApplication.class);
    }
}
