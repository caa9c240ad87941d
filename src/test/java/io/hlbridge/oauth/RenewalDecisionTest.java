package io.hlbridge.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import io.hlbridge.oauth.RenewalDecision.Action;
import io.hlbridge.oauth.RenewalDecision.OnRefused;
import io.hlbridge.store.Installation;
import io.hlbridge.store.Installation.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RenewalDecisionTest {
    static final long NOW = 1_000_000;
    static final long MARGIN = 60_000;
    static final Installation AGENCY = row("C1", Installation.COMPANY, null, State.AUTHORIZED, "ca", "cr", NOW + 3_600_000);
    static final Installation AGENCY_REFUSED = row("C1", Installation.COMPANY, null, State.NEEDS_AUTHORIZATION, null,
            null, 0);

    static Installation row(String id, String type, String company, State state, String access, String refresh,
            long expiresAt) {
        return new Installation(id, type, company, state, null, access, refresh, expiresAt, 0, 0, 0);
    }

    static Installation location(State state, String access, String refresh, long expiresAt, String company) {
        return row("L1", Installation.LOCATION, company, state, access, refresh, expiresAt);
    }

    static Stream<Arguments> rows() {
        long fresh = NOW + MARGIN + 1;
        long stale = NOW + MARGIN;
        return Stream.of(
                // installation, agency, token refused -> action, reason contains
                Arguments.of(null, null, null, Action.REFUSE, "not installed"),
                Arguments.of(location(State.UNINSTALLED, null, null, 0, null), AGENCY, null, Action.REFUSE, "uninstalled"),
                Arguments.of(location(State.NEEDS_AUTHORIZATION, null, "r", 0, null), AGENCY, null, Action.REFUSE,
                        "authorization"),
                Arguments.of(location(State.AUTHORIZED, "a", "r", fresh, null), null, null, Action.USE_STORED, null),
                Arguments.of(location(State.AUTHORIZED, "a", "r", fresh, null), null, "a", Action.REFRESH, null),
                Arguments.of(location(State.AUTHORIZED, "a", "r", fresh, null), null, "older", Action.USE_STORED, null),
                Arguments.of(location(State.AUTHORIZED, "a", "r", stale, null), null, null, Action.REFRESH, null),
                Arguments.of(location(State.AUTHORIZED, "a", "r", stale, "C1"), AGENCY, null, Action.REFRESH, null),
                Arguments.of(location(State.AUTHORIZED, "a", null, stale, "C1"), AGENCY, null, Action.MINT, null),
                Arguments.of(location(State.AUTHORIZED, null, null, 0, "C1"), AGENCY, null, Action.MINT, null),
                Arguments.of(location(State.AUTHORIZED, null, null, 0, "C1"), AGENCY_REFUSED, null, Action.REFUSE,
                        "no refresh token"),
                Arguments.of(location(State.INSTALLED, null, null, 0, "C1"), AGENCY, null, Action.MINT, null),
                Arguments.of(location(State.INSTALLED, null, null, 0, null), null, null, Action.REFUSE, "not finished"),
                Arguments.of(AGENCY, null, null, Action.USE_STORED, null),
                Arguments.of(row("C1", Installation.COMPANY, null, State.AUTHORIZED, "ca", "cr", stale), null, null,
                        Action.REFRESH, null));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void theFirstRowThatAppliesWins(Installation row, Installation agency, String refused, Action action,
            String reason) {
        RenewalDecision.Decision d = RenewalDecision.decide(row, agency, NOW, MARGIN, refused);
        assertEquals(action, d.action());
        if (reason != null) {
            assertTrue(d.reason().contains(reason), d.reason());
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(400, "invalid_grant Invalid grant: refresh token is invalid", true, OnRefused.MINT_FROM_COMPANY),
                Arguments.of(400, "invalid_grant Invalid grant: refresh token is invalid", false,
                        OnRefused.NEEDS_AUTHORIZATION),
                Arguments.of(401, "Invalid grant", false, OnRefused.NEEDS_AUTHORIZATION),
                Arguments.of(400, "Location is not active", true, OnRefused.BACK_OFF),
                Arguments.of(503, "Service Unavailable", true, OnRefused.RETRY_LATER),
                Arguments.of(502, "a body that is not JSON", false, OnRefused.RETRY_LATER),
                Arguments.of(400, "invalid_client", false, OnRefused.RETRY_LATER));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aRefusedRenewal(int status, String message, boolean agency, OnRefused then) {
        assertEquals(then, RenewalDecision.onRefused(new TokenRefused(status, message).kind(), agency));
    }
}
