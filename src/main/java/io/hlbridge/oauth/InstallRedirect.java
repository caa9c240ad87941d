package io.hlbridge.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.hlbridge.config.UserType;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET highlevel.oauth.install-path}: sends the admin's browser to HighLevel's location chooser with the app's
 * client id, redirect URI and scopes (Authorization.md, "standard Auth URL flow"). {@code ?user_type=Company} installs
 * on an agency, {@code Location} on a sub-account (default {@code highlevel.oauth.user-type}); the choice is kept
 * with OAuth's {@code state}, a random single-use token also set as a cookie for the callback ({@link InstallStates}).
 */
public class InstallRedirect implements Processor {
    private final OAuthSettings settings;
    private final InstallStates states;

    /** @param settings null when no Marketplace app is configured */
    InstallRedirect(OAuthSettings settings, InstallStates states) {
        this.settings = settings;
        this.states = states;
    }

    @Override
    public void process(Exchange exchange) {
        String asked = exchange.getMessage().getHeader("user_type", String.class);
        exchange.getMessage().getHeaders().clear();
        if (settings == null) {
            OAuthPages.answer(exchange, 404, "No Marketplace app", "This bridge has no HighLevel Marketplace app:"
                    + " set highlevel.oauth.client-id, client-secret and redirect-uri, then restart it.");
            return;
        }
        String state = states.issue(UserType.from(asked, settings.userType()), System.currentTimeMillis());
        String base = settings.authorizeUrl().toString();
        String url = base + (base.contains("?") ? "&" : "?") + "response_type=code&redirect_uri="
                + enc(settings.redirectUri().toString()) + "&client_id=" + enc(settings.clientId()) + "&scope="
                + enc(settings.scopes()) + "&state=" + state;
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
        exchange.getMessage().setHeader("Location", url);
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setHeader("Set-Cookie", InstallStates.cookie(state, settings.redirectUri().getPath(),
                "https".equals(settings.redirectUri().getScheme())));
        exchange.getMessage().setBody("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
