package io.hlbridge.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import io.hlbridge.config.UserType;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/** Which callbacks an install's state lets through, case by case. */
class InstallStatesTest {
    static final long NOW = 1_800_000_000_000L;
    final InstallStates node = new InstallStates(TestSecrets.SECRET_KEY);

    static String cookie(String state) {
        return "other=1; " + InstallStates.COOKIE + "=" + state;
    }

    @Test
    void theBrowserThatStartedItFinishesItOnceOnAnyNodeOfTheStore() {
        String state = node.issue(UserType.COMPANY, NOW);
        InstallStates otherNode = new InstallStates(TestSecrets.SECRET_KEY);
        assertEquals(Optional.of(UserType.COMPANY), otherNode.take(state, cookie(state), NOW + 1000));
        assertEquals(Optional.empty(), otherNode.take(state, cookie(state), NOW + 2000), "taken once");
        assertEquals(Optional.of(UserType.COMPANY), node.take(state, "$Version=\"1\"; " + InstallStates.COOKIE
                + "=\"" + state + "\";$Path=\"/oauth/callback\"", NOW + 3000), "a quoted cookie is the same");
    }

    @Test
    void everyOtherCallbackIsRefused() {
        String state = node.issue(UserType.LOCATION, NOW);
        String other = node.issue(UserType.LOCATION, NOW);
        assertEquals(Optional.empty(), node.take(state, null, NOW), "no cookie: another browser");
        assertEquals(Optional.empty(), node.take(state, cookie(other), NOW), "another install's cookie");
        assertEquals(Optional.empty(), node.take("anything", cookie("anything"), NOW), "a made-up state");
        String tampered = state.replace(".Location.", ".Company.");
        assertEquals(Optional.empty(), node.take(tampered, cookie(tampered), NOW), "the user type changed");
        assertEquals(Optional.empty(), new InstallStates("another key").take(state, cookie(state), NOW),
                "another store's key");
        assertEquals(Optional.empty(), node.take(state, cookie(state), NOW + InstallStates.LIFE.toMillis() + 1),
                "expired");
    }

    @Test
    void codeExchangesAreLimitedPerMinute() {
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            allowed += node.mayExchange(NOW) ? 1 : 0;
        }
        assertEquals(InstallStates.EXCHANGES_PER_MINUTE, allowed);
        assertTrue(node.mayExchange(NOW + 60_000), "the next minute");
    }
}
