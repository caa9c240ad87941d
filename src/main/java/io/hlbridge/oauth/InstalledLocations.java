package io.hlbridge.oauth;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Step of oauth-callback: an agency's install covers the locations it approved; when HighLevel's token answer lists
 * none, they are read from {@code GET /oauth/installedLocations}. A location's install covers itself.
 */
public class InstalledLocations implements Processor {
    private final TokenEndpoint endpoint;

    public InstalledLocations(TokenEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        InstallCallback callback = InstallCallback.of(exchange);
        TokenGrant g = callback.grant;
        if (callback.agency()) {
            callback.agencyLocations = g.approvedLocations().isEmpty()
                    ? endpoint.installedLocations(g.accessToken(), g.companyId()) : g.approvedLocations();
        }
    }
}
