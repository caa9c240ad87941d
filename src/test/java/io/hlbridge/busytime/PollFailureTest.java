package io.hlbridge.busytime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.function.Supplier;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.http.HttpTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PollFailure}, row by row: the reason a failed poll is counted under, and which clause of poll-failure takes it. */
class PollFailureTest {
    static final Map<String, Supplier<Exception>> FAILURES = Map.ofEntries(
            Map.entry("caldav-401", () -> new CalDavException.Unauthorized("401")),
            Map.entry("401-wrapped", () -> new RuntimeException("poll", new CalDavException.Unauthorized("401"))),
            Map.entry("calendar-refused", () -> new CalDavException.CalendarRefused("subscribed")),
            Map.entry("timeout", () -> new SocketTimeoutException("read timed out")),
            Map.entry("timeout-in-a-503", () -> new CalDavException.RetryLater(503, "x", -1,
                    new SocketTimeoutException("read timed out"))),
            Map.entry("too-large", () -> new HttpTransport.AnswerTooLarge("over icloud.max-answer-size")),
            Map.entry("caldav-503", () -> new CalDavException.RetryLater(503, "unavailable", 5_000, null)),
            Map.entry("caldav-412", () -> new CalDavException.PreconditionFailed("etag")),
            Map.entry("highlevel-500", () -> new HighLevelApiException(500, "server error")),
            Map.entry("highlevel-429", () -> new HighLevelApiException.Paused("429", 1_000)),
            Map.entry("io", () -> new IOException("connection reset")),
            Map.entry("bug", () -> new IllegalStateException("no poll")));

    @ParameterizedTest(name = "{0} -> {1}, held: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            caldav-401        | credentials | true
            401-wrapped       | credentials | true
            calendar-refused  | calendar    | false
            timeout           | timeout     | false
            timeout-in-a-503  | timeout     | false
            too-large         | too-large   | false
            caldav-503        | server      | false
            caldav-412        | caldav      | false
            highlevel-500     | highlevel   | false
            highlevel-429     | highlevel   | false
            io                | other       | false
            bug               | other       | false
            """)
    void reasonAndClause(String failure, String reason, boolean heldForCredentials) {
        Exception e = FAILURES.get(failure).get();
        assertEquals(reason, PollFailure.reason(e));
        PollFailure clauses = new PollFailure();
        assertEquals(heldForCredentials, clauses.refusesCredentials(e));
        assertEquals(!heldForCredentials, clauses.retriesAtNextPoll(e), "exactly one clause takes it");
    }
}
