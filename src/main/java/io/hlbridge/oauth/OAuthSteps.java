package io.hlbridge.oauth;

import java.util.List;

import io.hlbridge.runtime.RouteContract;

/**
 * The step names of the Marketplace app's routes (routes/oauth-install.camel.yaml, oauth-callback.camel.yaml,
 * oauth-idle-refresh.camel.yaml and the app-event branch of highlevel-webhook), each declared once: the wiring binds
 * under them, the route contract requires them, and the processors' messages name them.
 */
public final class OAuthSteps {
    public static final String INSTALL_REDIRECT = "oauthInstallRedirect";
    public static final String CALLBACK_REQUEST = "oauthCallbackRequest";
    public static final String CODE_EXCHANGE = "oauthCodeExchange";
    public static final String INSTALLED_LOCATIONS = "oauthInstalledLocations";
    public static final String STORE_INSTALLATION = "oauthStoreInstallation";
    public static final String LOCATION_USERS = "oauthLocationUsers";
    public static final String INSTALLED_PAGE = "oauthInstalledPage";
    public static final String APP_INSTALL_WEBHOOK = "appInstallWebhook";
    public static final String REFRESH_IDLE = "refreshIdleInstallations";
    /** Not a step: the header filter the install and callback endpoints name (http.PageHeaderFilter). */
    public static final String PAGE_HEADERS = "oauthPageHeaders";

    public static final RouteContract CONTRACT = new RouteContract("oauth-callback", List.of(CALLBACK_REQUEST,
            CODE_EXCHANGE, INSTALLED_LOCATIONS, STORE_INSTALLATION, INSTALLED_PAGE),
            "the install's code gives tokens, which are stored for the locations they cover");

    private OAuthSteps() {
    }
}
