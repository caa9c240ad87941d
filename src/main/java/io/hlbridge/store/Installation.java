package io.hlbridge.store;

/**
 * A HighLevel Marketplace installation as the store keeps it (table {@code oauth_installation}), its tokens opened.
 * {@link #toString()} never prints them.
 *
 * @param resourceId   the location id, or the company id of an agency installation
 * @param userType     {@code Location} or {@code Company}, as HighLevel's token answers write it
 * @param companyId    the agency whose token mints this location's tokens, or null
 * @param accessToken  null until authorized, and after an uninstall
 * @param refreshToken null for a location whose tokens are minted from its agency's
 * @param expiresAt    when the access token expires (epoch millis)
 * @param refreshedAt  when HighLevel last gave a token (epoch millis): idle refresh tokens are renewed from it
 */
public record Installation(String resourceId, String userType, String companyId, State state, String reason,
        String accessToken, String refreshToken, long expiresAt, long refreshedAt, long installedAt, long updatedAt) {

    /** Where an installation stands. */
    public enum State {
        /** INSTALL arrived, the code exchange has not (yet) given tokens. */
        INSTALLED,
        /** Tokens work. */
        AUTHORIZED,
        /** HighLevel refused the refresh token and there is no agency to mint from: an admin installs again. */
        NEEDS_AUTHORIZATION,
        /** UNINSTALL arrived: no tokens, nothing synced. */
        UNINSTALLED
    }

    public static final String LOCATION = "Location";
    public static final String COMPANY = "Company";

    public boolean isCompany() {
        return COMPANY.equals(userType);
    }

    /** Its tokens come from its agency's token ({@code POST /oauth/locationToken}). */
    public boolean mintedFromCompany() {
        return !isCompany() && companyId != null && refreshToken == null;
    }

    public Installation withState(State s, String why, long now) {
        return new Installation(resourceId, userType, companyId, s, why, s == State.UNINSTALLED ? null : accessToken,
                s == State.UNINSTALLED ? null : refreshToken, s == State.UNINSTALLED ? 0 : expiresAt, refreshedAt,
                installedAt, now);
    }

    public Installation withTokens(String access, String refresh, long expires, long now) {
        return new Installation(resourceId, userType, companyId, State.AUTHORIZED, null, access, refresh, expires, now,
                installedAt, now);
    }

    @Override
    public String toString() {
        return "Installation[" + userType + " " + resourceId + (companyId == null ? "" : ", company=" + companyId)
                + ", " + state + "]";
    }
}
