package io.hlbridge.oauth;

import io.hlbridge.config.Settings;
import io.hlbridge.connections.InstallationHolds;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.store.Stores;
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
    public static InstallationHolds bind(Registry r, Settings s, Stores stores, HighLevel highLevel) {
        OAuthSettings settings = OAuthSettings.from(s);
        if (settings == null) {
            r.bind("appInstallWebhook", new AppInstallWebhook(null, null));
            r.bind("oauthInstallRedirect", new InstallRedirect(null));
            bindCallback(r, null, null, null, null, null);
            r.bind("refreshIdleInstallations", (org.apache.camel.Processor) exchange -> { });
            return InstallationHolds.NONE;
        }
        TokenEndpoint endpoint = new TokenEndpoint(settings);
        InstallationTokens tokens = new InstallationTokens(stores.installations(), stores.db(), endpoint,
                settings.refreshMargin().toMillis());
        Installations installations = new Installations(stores.installations(), stores.db(), tokens);
        highLevel.client().useInstallations(tokens);
        r.bind("installationTokens", tokens);
        r.bind("appInstallWebhook", new AppInstallWebhook(settings, installations));
        r.bind("oauthInstallRedirect", new InstallRedirect(settings));
        bindCallback(r, settings, endpoint, installations, highLevel, stores);
        r.bind("refreshIdleInstallations", new RefreshIdleInstallations(stores.installations(), tokens,
                settings.idleRefresh()));
        return tokens;
    }

    /** The steps of oauth-callback; without an app only the first runs (it answers 404), the others are never reached. */
    private static void bindCallback(Registry r, OAuthSettings settings, TokenEndpoint endpoint,
            Installations installations, HighLevel highLevel, Stores stores) {
        r.bind("oauthCallbackRequest", new CallbackRequest(settings));
        r.bind("oauthCodeExchange", new CodeExchange(endpoint));
        r.bind("oauthInstalledLocations", new InstalledLocations(endpoint));
        r.bind("oauthStoreInstallation", new StoreInstallation(installations, stores == null ? null : stores.inbox()));
        r.bind("oauthLocationUsers", new LocationUsers(highLevel == null ? null : highLevel.client()));
        r.bind("oauthInstalledPage", new InstalledPage());
    }
}
