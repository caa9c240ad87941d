package io.hlbridge.oauth;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step of oauth-callback: the code for tokens ({@code POST /oauth/token}). A refused code, or an answer that names no
 * location (or agency), answers the browser 502 and ends the callback.
 */
public class CodeExchange implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(CodeExchange.class);
    private final TokenEndpoint endpoint;

    public CodeExchange(TokenEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        InstallCallback callback = InstallCallback.of(exchange);
        try {
            callback.grant = endpoint.exchangeCode(callback.code, callback.userType);
        } catch (TokenRefused e) {
            LOG.warn("The install's code exchange was refused: {}", e.getMessage());
            callback.answer(exchange, 502, "Install not finished", "HighLevel refused the code: "
                    + e.getMessage() + ". Codes work once and briefly: start again at the install link.");
            return;
        }
        if (callback.agency() ? callback.grant.companyId() == null : callback.grant.locationId() == null) {
            callback.answer(exchange, 502, "Install not finished", "HighLevel's token answer names no "
                    + (callback.agency() ? "companyId" : "locationId") + ".");
        }
    }
}
