package io.hlbridge.embedding;

import io.hlbridge.BridgeConfiguration;
import org.apache.camel.main.Main;

/**
 * A camel-main application of an integration engineer's, embedding the bridge the way the README says: its own
 * application.properties (which shadows the one packaged in the bridge's jar), its own route and HTTP endpoint, its
 * own keys, plus {@link BridgeConfiguration} and the bridge's packaged routes.
 */
public final class HostApplication {
    private HostApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.configure().withRoutesIncludePattern("classpath:routes/*.camel.yaml,classpath:host-routes/*.camel.yaml");
        main.run(args);
    }
}
