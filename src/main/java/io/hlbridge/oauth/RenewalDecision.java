package io.hlbridge.oauth;

import io.hlbridge.store.Installation.State;
import io.hlbridge.store.Installation;

/**
 * Where the access token of an installation comes from, decided from its row (read under its lock when a refresh
 * may follow) and its agency's. The first row that applies wins:
 *
 * <pre>
 * no installation                          → REFUSE  not installed
 * uninstalled                              → REFUSE  uninstalled
 * needs authorization                      → REFUSE  with the reason it was marked
 * authorized, token fresh and not refused  → USE_STORED
 * authorized with a refresh token          → REFRESH (spends the refresh token: one at a time, row locked)
 * its agency is authorized                 → MINT    from the agency's token (repeatable, no lock needed)
 * installed, code not exchanged yet        → REFUSE  waiting for the install to finish
 * otherwise                                → REFUSE  needs authorization
 * </pre>
 *
 * And when HighLevel refuses a refresh ({@link #onRefused}):
 *
 * <pre>
 * invalid_grant, agency authorized  → MINT_FROM_COMPANY  (the refresh token is dropped; the agency's mints)
 * invalid_grant, no agency          → NEEDS_AUTHORIZATION (no further token request until an admin installs again)
 * location not active               → BACK_OFF            (the tokens are kept)
 * anything else                     → RETRY_LATER         (the tokens are kept)
 * </pre>
 */
public final class RenewalDecision {
    private RenewalDecision() {
    }

    public enum Action {
        USE_STORED, REFRESH, MINT, REFUSE
    }

    public enum OnRefused {
        MINT_FROM_COMPANY, NEEDS_AUTHORIZATION, BACK_OFF, RETRY_LATER
    }

    /** An action, with the reason when refused. */
    public record Decision(Action action, String reason) {
    }

    /**
     * @param row      the installation of the location or agency, or null
     * @param company  its agency's installation, or null
     * @param refused  the access token HighLevel just answered 401 to, or null
     */
    public static Decision decide(Installation row, Installation company, long now, long marginMillis,
            String refused) {
        if (row == null) {
            return refuse("the Marketplace app is not installed on it");
        }
        if (row.state() == State.UNINSTALLED) {
            return refuse("the Marketplace app was uninstalled from it");
        }
        if (row.state() == State.NEEDS_AUTHORIZATION) {
            return refuse(row.reason() == null ? "its installation needs a new authorization" : row.reason());
        }
        if (row.state() == State.AUTHORIZED && row.accessToken() != null && row.expiresAt() - marginMillis > now
                && !row.accessToken().equals(refused)) {
            return new Decision(Action.USE_STORED, null);
        }
        if (row.state() == State.AUTHORIZED && row.refreshToken() != null) {
            return new Decision(Action.REFRESH, null);
        }
        if (companyUsable(company)) {
            return new Decision(Action.MINT, null);
        }
        if (row.state() == State.INSTALLED) {
            return refuse("the install has not finished: HighLevel sent INSTALL, but the admin's browser has not come"
                    + " back to the callback with the code");
        }
        return refuse("its installation has no refresh token and no authorized agency to mint one from");
    }

    public static OnRefused onRefused(TokenRefused.Kind kind, boolean companyUsable) {
        return switch (kind) {
            case INVALID_GRANT -> companyUsable ? OnRefused.MINT_FROM_COMPANY : OnRefused.NEEDS_AUTHORIZATION;
            case LOCATION_NOT_ACTIVE -> OnRefused.BACK_OFF;
            case TRANSIENT -> OnRefused.RETRY_LATER;
        };
    }

    public static boolean companyUsable(Installation company) {
        return company != null && company.isCompany() && company.state() == State.AUTHORIZED;
    }

    private static Decision refuse(String reason) {
        return new Decision(Action.REFUSE, reason);
    }
}
