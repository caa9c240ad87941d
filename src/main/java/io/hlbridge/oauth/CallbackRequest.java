package io.hlbridge.oauth;

import java.util.Optional;

import io.hlbridge.config.UserType;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of oauth-callback: what HighLevel sent the browser back with. Without a Marketplace app (404), without a
 * code (400, with HighLevel's error when it gave one), with a {@code state} this browser was not given by the install
 * link (400) or beyond the code exchanges a minute allows (429), the browser is answered here and the callback ends
 * before any request to HighLevel.
 */
public class CallbackRequest implements Processor {
    private final OAuthSettings settings;
    private final InstallStates states;

    /** @param settings null when no Marketplace app is configured */
    CallbackRequest(OAuthSettings settings, InstallStates states) {
        this.settings = settings;
        this.states = states;
    }

    @Override
    public void process(Exchange exchange) {
        String code = exchange.getMessage().getHeader("code", String.class);
        String error = exchange.getMessage().getHeader("error", String.class);
        Optional<UserType> started = settings == null || code == null || code.isBlank() ? Optional.empty()
                : states.take(exchange.getMessage().getHeader("state", String.class),
                        exchange.getMessage().getHeader("Cookie", String.class), System.currentTimeMillis());
        InstallCallback callback = new InstallCallback(code, started.orElse(null));
        exchange.setVariable(InstallCallback.VARIABLE, callback);
        if (settings == null) {
            callback.answer(exchange, 404, "No Marketplace app", "This bridge has no HighLevel Marketplace app"
                    + " (highlevel.oauth.client-id).");
        } else if (code == null || code.isBlank()) {
            callback.answer(exchange, 400, "Install not finished", "HighLevel sent no code"
                    + (error == null ? "" : " (" + error + ")") + ". Start again at the install link.");
        } else if (started.isEmpty()) {
            callback.answer(exchange, 400, "Install not started here", "This install was not started from this"
                    + " browser, or it was started more than " + InstallStates.LIFE.toMinutes() + " minutes ago, or"
                    + " it was finished already. Open the install link again.");
        } else if (!states.mayExchange(System.currentTimeMillis())) {
            callback.answer(exchange, 429, "Too many installs", "More than " + InstallStates.EXCHANGES_PER_MINUTE
                    + " installs were finished in the last minute. Wait a minute and open the install link"
                    + " again.");
        }
    }
}
