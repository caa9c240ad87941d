package io.hlbridge.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;

import io.hlbridge.connections.ConnectionState.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectionStateTest {
    static final Optional<ConnectionStatus.Problem> SEEN = Optional.of(new ConnectionStatus.Problem(7, "why"));
    static final Optional<ConnectionStatus.Problem> NONE = Optional.empty();

    static Stream<Arguments> rows() {
        return Stream.of(
                // paused, installation held, password refused, token refused, calendar refused, server not reached
                // -> state, down
                Arguments.of(true, SEEN, SEEN, SEEN, SEEN, SEEN, Kind.PAUSED, false),
                Arguments.of(false, SEEN, SEEN, SEEN, SEEN, SEEN, Kind.NEEDS_AUTHORIZATION, true),
                Arguments.of(false, NONE, SEEN, SEEN, SEEN, SEEN, Kind.NEEDS_APP_PASSWORD, true),
                Arguments.of(false, NONE, NONE, SEEN, SEEN, SEEN, Kind.HIGHLEVEL_TOKEN_REFUSED, true),
                Arguments.of(false, NONE, NONE, NONE, SEEN, SEEN, Kind.CALENDAR_REFUSED, true),
                Arguments.of(false, NONE, NONE, NONE, NONE, SEEN, Kind.CALENDAR_SERVER_UNREACHABLE, true),
                Arguments.of(false, NONE, NONE, NONE, NONE, NONE, Kind.OK, false),
                Arguments.of(true, NONE, NONE, NONE, NONE, NONE, Kind.PAUSED, false));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void theFirstRowThatAppliesWins(boolean paused, Optional<ConnectionStatus.Problem> installation,
            Optional<ConnectionStatus.Problem> password,
            Optional<ConnectionStatus.Problem> token, Optional<ConnectionStatus.Problem> calendar,
            Optional<ConnectionStatus.Problem> server, Kind kind, boolean down) {
        ConnectionState s = ConnectionState.decide(paused, installation, password, token, calendar, server);
        assertEquals(kind, s.kind());
        assertEquals(down, s.isDown());
        if (down) {
            assertEquals(7, s.since());
            assertEquals("why", s.reason());
        }
    }
}
