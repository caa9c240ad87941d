package io.hlbridge.busytime;

import static io.hlbridge.busytime.ICloudToHighLevelSteps.COMMIT;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.DETECT_CHANGES;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.FETCH_CHANGED;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.GUARD_BULK_DELETIONS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.HOLD_FOR_CREDENTIALS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.MOVE_EDITED_APPOINTMENTS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.PLAN_SLOTS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.POLL_FAILURE;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.RECORD_FAILED_POLL;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.WRITE_SLOTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.testing.RouteRun;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The route file routes/poll-calendar.camel.yaml itself, fast: stand-in steps record that they ran (and find a change
 * or fail where a row says), so each row shows where the YAML ends a poll and which error clause takes a failure.
 * The end-to-end contracts run the same route with the real steps against Radicale and Xandikos.
 */
@CamelMainTest(properties = "camel.main.routes-include-pattern=file:routes/poll-calendar.camel.yaml",
        configurationClasses = PollCalendarRouteTest.StandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one Camel for every row: each row waits for its own exchange
class PollCalendarRouteTest {
    static final List<String> STEPS = List.of(DETECT_CHANGES, FETCH_CHANGED, PLAN_SLOTS, GUARD_BULK_DELETIONS,
            MOVE_EDITED_APPOINTMENTS, WRITE_SLOTS, COMMIT);
    static final List<String> FAILURE_STEPS = List.of(RECORD_FAILED_POLL, HOLD_FOR_CREDENTIALS);
    static final Connection ALICE = new Connection("alice", "L1", "U1", "token", "alice@example.com", "app-password",
            "Work", List.of(), null, null);

    static final Map<String, Supplier<Exception>> FAILS = new ConcurrentHashMap<>();
    static volatile boolean changed;
    static final List<String> RAN = Collections.synchronizedList(new ArrayList<>());

    /** Binds a stand-in under each step name the route uses, and the real failure table. */
    public static class StandIns implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) {
            context.getRegistry().bind(POLL_FAILURE, new PollFailure());
            for (String step : STEPS) {
                context.getRegistry().bind(step, (Processor) exchange -> {
                    RAN.add(step);
                    if (step.equals(DETECT_CHANGES) && changed) {
                        CalendarPoll.of(exchange).changed().put("/alice/work/e1.ics", "\"etag-1\"");
                    }
                    if (FAILS.containsKey(step)) {
                        throw FAILS.get(step).get();
                    }
                });
            }
            for (String step : FAILURE_STEPS) {
                context.getRegistry().bind(step, (Processor) e -> RAN.add(step));
            }
        }
    }

    @BeanInject
    CamelContext context;

    @BeforeEach
    void clear() {
        FAILS.clear();
        RAN.clear();
        changed = true;
    }

    /** Polls one calendar and returns the steps that ran once its exchange is done. */
    List<String> poll() throws Exception {
        RouteRun.send(context, "direct:poll-calendar", new CalendarPoll(ALICE,
                URI.create("http://dav/alice/work/"), Instant.EPOCH, Instant.EPOCH.plusSeconds(86_400)));
        return List.copyOf(RAN);
    }

    @Test
    void aChangedCalendarGoesThroughEveryStepAndIsCommittedLast() throws Exception {
        assertEquals(STEPS, poll());
    }

    @Test
    void anUnchangedCalendarCommitsRightAfterTheOneRequest() throws Exception {
        changed = false;
        assertEquals(List.of("detectCalendarChanges", "commitCalendarPoll"), poll());
    }

    @ParameterizedTest(name = "{1} in {0} -> {2}, nothing committed")
    @CsvSource(delimiter = '|', textBlock = """
            detectCalendarChanges | app-password-refused | holdPollsForCredentials
            fetchChangedEvents    | server-error         | recordFailedPoll
            writeBlockedSlots     | highlevel-500        | recordFailedPoll
            writeBlockedSlots     | wrapped-401          | holdPollsForCredentials
            """)
    void aFailedPollIsTakenByItsOneClauseAndNeverCommitted(String failingStep, String failure, String clauseStep) throws Exception {
        FAILS.put(failingStep, switch (failure) {
            case "app-password-refused" -> () -> new CalDavException.Unauthorized("401");
            case "server-error" -> () -> new CalDavException.RetryLater(503, "unavailable", -1, null);
            case "wrapped-401" -> () -> new IllegalStateException("write", new CalDavException.Unauthorized("401"));
            default -> () -> new HighLevelApiException(500, "server error");
        });
        List<String> ran = poll();
        int failedAt = STEPS.indexOf(failingStep);
        assertEquals(STEPS.subList(0, failedAt + 1), ran.subList(0, failedAt + 1), "the steps up to the failure");
        assertEquals(List.of(clauseStep), ran.subList(failedAt + 1, ran.size()), "then only its clause's step");
    }
}
