package io.hlbridge.oauth;

import io.hlbridge.config.UserType;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of oauth-callback: what HighLevel sent the browser back with. Without a Marketplace app (404) or without a
 * code (400, with HighLevel's error when it gave one) the browser is answered here and the callback ends.
 */
public class CallbackRequest implements Processor {
    private final OAuthSettings settings;

    /** @param settings null when no Marketplace app is configured */
    public CallbackRequest(OAuthSettings settings) {
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) {
        String code = exchange.getMessage().getHeader("code", String.class);
        String error = exchange.getMessage().getHeader("error", String.class);
        InstallCallback callback = new InstallCallback(code, settings == null ? null
                : UserType.from(exchange.getMessage().getHeader("state", String.class), settings.userType()));
        exchange.setVariable(InstallCallback.VARIABLE, callback);
        if (settings == null) {
            callback.answer(exchange, 404, "No Marketplace app", "This bridge has no HighLevel Marketplace app"
                    + " (highlevel.oauth.client-id).");
        } else if (code == null || code.isBlank()) {
            callback.answer(exchange, 400, "Install not finished", "<p>HighLevel sent no code"
                    + (error == null ? "" : " (" + OAuthPages.escape(error) + ")") + ". Start again at the install"
                    + " link.</p>");
        }
    }
}
