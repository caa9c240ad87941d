package io.hlbridge.oauth;

import java.util.List;

/**
 * What a token endpoint gave ({@code GetAccessCodeSuccessfulResponseDto}, {@code
 * GetLocationAccessTokenSuccessfulResponseDto}). {@link #toString()} never prints the tokens.
 *
 * @param refreshToken null for a location token minted from an agency's
 * @param locationId   null for an agency (Company) token
 * @param approvedLocations the locations an agency install approved (may be empty: then all are listed by
 *                          {@code GET /oauth/installedLocations})
 */
public record TokenGrant(String accessToken, String refreshToken, long expiresInSeconds, String userType,
        String companyId, String locationId, List<String> approvedLocations) {

    @Override
    public String toString() {
        return "TokenGrant[" + userType + ", company=" + companyId + ", location=" + locationId + ", expiresIn="
                + expiresInSeconds + "s]";
    }
}
