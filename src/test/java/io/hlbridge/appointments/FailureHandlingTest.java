package io.hlbridge.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonParseException;
import io.hlbridge.appointments.FailureHandling.Outcome;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.highlevel.UnusableAppointment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link FailureHandling}, row by row: which error clause of highlevel-to-icloud takes each failure. */
class FailureHandlingTest {
    static final Map<String, Supplier<Exception>> FAILURES = Map.ofEntries(
            Map.entry("server-waiting", () -> new CalendarServerBackoff.Waiting("busy", 1_000)),
            Map.entry("location-paused-429", () -> new HighLevelApiException.Paused("429", 2_000)),
            Map.entry("location-not-authorized", () -> new HighLevelApiException.NotAuthorized("no install", 3_000)),
            Map.entry("app-password-refused", () -> new CalDavException.Unauthorized("401")),
            Map.entry("unusable-appointment", () -> new UnusableAppointment("ends before it starts")),
            Map.entry("highlevel-400", () -> new HighLevelApiException(400, "bad request")),
            Map.entry("highlevel-422", () -> new HighLevelApiException(422, "unprocessable")),
            Map.entry("highlevel-401", () -> new HighLevelApiException(401, "token refused")),
            Map.entry("highlevel-404", () -> new HighLevelApiException(404, "not found")),
            Map.entry("highlevel-500", () -> new HighLevelApiException(500, "server error")),
            Map.entry("caldav-503", () -> new CalDavException.RetryLater(503, "unavailable", 5_000, null)),
            Map.entry("caldav-412", () -> new CalDavException.PreconditionFailed("etag")),
            Map.entry("timeout", () -> new HttpTimeoutException("timed out")),
            Map.entry("garbled-json", () -> new JsonParseException(null, "unexpected character")),
            Map.entry("io", () -> new IOException("connection reset")),
            Map.entry("other-illegal-argument", () -> new IllegalArgumentException("a bug, not the input")),
            Map.entry("null-pointer", NullPointerException::new));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            server-waiting          | POSTPONE
            location-paused-429     | POSTPONE
            location-not-authorized | POSTPONE
            app-password-refused    | HOLD_FOR_CREDENTIALS
            unusable-appointment    | PARK
            highlevel-400           | PARK
            highlevel-422           | PARK
            highlevel-401           | RETRY
            highlevel-404           | RETRY
            highlevel-500           | RETRY
            caldav-503              | RETRY
            caldav-412              | RETRY
            timeout                 | RETRY
            garbled-json            | RETRY
            io                      | RETRY
            other-illegal-argument  | RETRY
            null-pointer            | RETRY
            """)
    void outcome(String failure, Outcome expected) {
        assertEquals(expected, FailureHandling.of(FAILURES.get(failure).get()));
    }

    @Test
    void exactlyOneClauseSelectsEachFailure() {
        FailureHandling h = new FailureHandling();
        FAILURES.forEach((name, failure) -> {
            Exception e = failure.get();
            int selecting = (h.postpones(e) ? 1 : 0) + (h.holdsForCredentials(e) ? 1 : 0) + (h.parks(e) ? 1 : 0)
                    + (h.retries(e) ? 1 : 0);
            assertEquals(1, selecting, name);
        });
    }

    @Test
    void aPostponedFailureIsDueWhenItsServerOrLocationSays() {
        assertEquals(1_000, FailureHandling.postponedUntil(FAILURES.get("server-waiting").get()));
        assertEquals(2_000, FailureHandling.postponedUntil(FAILURES.get("location-paused-429").get()));
        assertEquals(0, FailureHandling.postponedUntil(FAILURES.get("io").get()));
    }
}
