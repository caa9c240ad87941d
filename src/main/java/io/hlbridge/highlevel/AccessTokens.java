package io.hlbridge.highlevel;

import java.io.IOException;

/**
 * The bearer tokens of connections that have none of their own: their location's Marketplace installation gives
 * them ({@code oauth.InstallationTokens}). Without an app, every such request fails with the reason.
 */
public interface AccessTokens {

    /** The access token to send for {@code locationId} now, renewed first when it is about to expire. */
    String current(String locationId) throws HighLevelApiException, IOException, InterruptedException;

    /** HighLevel answered 401 to {@code refused}: a renewed token (once per request), or why there is none. */
    String afterRefusal(String locationId, String refused) throws HighLevelApiException, IOException,
            InterruptedException;

    /** No Marketplace app is configured. */
    AccessTokens NONE = new AccessTokens() {
        @Override
        public String current(String locationId) throws HighLevelApiException {
            throw new HighLevelApiException(401, "the connection has no highlevel-token and no Marketplace app is"
                    + " configured (highlevel.oauth.client-id)");
        }

        @Override
        public String afterRefusal(String locationId, String refused) throws HighLevelApiException {
            return current(locationId);
        }
    };
}
