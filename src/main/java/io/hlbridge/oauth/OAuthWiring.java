package io.hlbridge.oauth;

import static io.hlbridge.oauth.OAuthSteps.APP_INSTALL_WEBHOOK;
import static io.hlbridge.oauth.OAuthSteps.CALLBACK_REQUEST;
import static io.hlbridge.oauth.OAuthSteps.CODE_EXCHANGE;
import static io.hlbridge.oauth.OAuthSteps.INSTALLED_LOCATIONS;
import static io.hlbridge.oauth.OAuthSteps.INSTALLED_PAGE;
import static io.hlbridge.oauth.OAuthSteps.INSTALL_REDIRECT;
import static io.hlbridge.oauth.OAuthSteps.LOCATION_USERS;
import static io.hlbridge.oauth.OAuthSteps.PAGE_HEADERS;
import static io.hlbridge.oauth.OAuthSteps.REFRESH_IDLE;
import static io.hlbridge.oauth.OAuthSteps.STORE_INSTALLATION;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.connections.InstallationHolds;
import io.hlbridge.http.PageHeaderFilter;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;

/**
 * The beans of the Marketplace app (routes/oauth-install.camel.yaml, oauth-idle-refresh.camel.yaml and the INSTALL /
 * UNINSTALL branch of highlevel-webhook). Without {@code highlevel.oauth.client-id} the routes stay, and answer that
 * no app is configured.
 */
public final class OAuthWiring {
    private OAuthWiring() {
    }

    /** @return the holds of connections whose installation cannot give a token */
    public static InstallationHolds bind(Registry r, Adapters a) {
        r.bind(PAGE_HEADERS, new PageHeaderFilter());
        OAuthSettings settings = OAuthSettings.from(a.settings());
        if (settings == null) {
            r.bind(APP_INSTALL_WEBHOOK, new AppInstallWebhook(null, null));
            r.bind(INSTALL_REDIRECT, new InstallRedirect(null, null));
            bindCallback(r, null, null, null, null, null);
            r.bind(REFRESH_IDLE, (Processor) exchange -> { }); // nothing installed to refresh
            return InstallationHolds.NONE;
        }
        TokenEndpoint endpoint = new TokenEndpoint(settings);
        InstallationTokens tokens = new InstallationTokens(a.stores().installations(), a.stores().db(), endpoint,
                settings.refreshMargin().toMillis());
        Installations installations = new Installations(a.stores().installations(), a.stores().db(), tokens);
        a.highLevel().client().useInstallations(tokens);
        r.bind("installationTokens", tokens);
        r.bind(APP_INSTALL_WEBHOOK, new AppInstallWebhook(settings, installations));
        InstallStates states = new InstallStates(a.settings().get(BridgeOptions.SECRET_KEY));
        r.bind(INSTALL_REDIRECT, new InstallRedirect(settings, states));
        bindCallback(r, settings, states, endpoint, installations, a);
        r.bind(REFRESH_IDLE, new RefreshIdleInstallations(a.stores().installations(), tokens, settings.idleRefresh()));
        return tokens;
    }

    /** The steps of oauth-callback; without an app only the first runs (it answers 404), the others are never reached. */
    private static void bindCallback(Registry r, OAuthSettings settings, InstallStates states, TokenEndpoint endpoint,
            Installations installations, Adapters a) {
        r.bind(CALLBACK_REQUEST, new CallbackRequest(settings, states));
        r.bind(CODE_EXCHANGE, new CodeExchange(endpoint));
        r.bind(INSTALLED_LOCATIONS, new InstalledLocations(endpoint));
        r.bind(STORE_INSTALLATION, new StoreInstallation(installations, a == null ? null : a.stores().inbox()));
        r.bind(LOCATION_USERS, new LocationUsers(a == null ? null : a.highLevel().client()));
        r.bind(INSTALLED_PAGE, new InstalledPage());
    }
}
