package io.hlbridge.oauth;

import java.net.URI;
import java.time.Duration;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;
import io.hlbridge.config.UserType;

/** {@code highlevel.oauth.*}: the bridge's Marketplace app, and where its token endpoints are. */
public record OAuthSettings(String clientId, String clientSecret, String appId, URI redirectUri, String scopes,
        URI authorizeUrl, UserType userType, Duration refreshMargin, Duration idleRefresh, URI apiUrl,
        Duration timeout, long maxAnswerBytes) {

    /** Null when no app is configured. */
    public static OAuthSettings from(Settings s) {
        String clientId = s.get(BridgeOptions.OAUTH_CLIENT_ID);
        if (clientId == null) {
            return null;
        }
        String appId = s.get(BridgeOptions.OAUTH_APP_ID);
        return new OAuthSettings(clientId, s.get(BridgeOptions.OAUTH_CLIENT_SECRET), appId != null ? appId
                : clientId.contains("-") ? clientId.substring(0, clientId.indexOf('-')) : clientId,
                s.get(BridgeOptions.OAUTH_REDIRECT_URI), s.get(BridgeOptions.OAUTH_SCOPES),
                s.get(BridgeOptions.OAUTH_AUTHORIZE_URL), s.get(BridgeOptions.OAUTH_USER_TYPE),
                s.get(BridgeOptions.OAUTH_REFRESH_MARGIN), s.get(BridgeOptions.OAUTH_IDLE_REFRESH),
                s.get(BridgeOptions.HIGHLEVEL_API_URL), s.get(BridgeOptions.HIGHLEVEL_TIMEOUT),
                s.get(BridgeOptions.HIGHLEVEL_MAX_ANSWER));
    }

    @Override
    public String toString() {
        return "OAuthSettings[clientId=" + clientId + ", appId=" + appId + ", redirectUri=" + redirectUri + "]";
    }
}
