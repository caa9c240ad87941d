package io.hlbridge.appointments;

import static io.hlbridge.appointments.HighLevelToICloudSteps.APPOINTMENT_EVENTS_ONLY;
import static io.hlbridge.appointments.HighLevelToICloudSteps.CALENDAR_SERVER_BACKOFF;
import static io.hlbridge.appointments.HighLevelToICloudSteps.CLAIM;
import static io.hlbridge.appointments.HighLevelToICloudSteps.COMPLETE;
import static io.hlbridge.appointments.HighLevelToICloudSteps.FAILURE_HANDLING;
import static io.hlbridge.appointments.HighLevelToICloudSteps.FETCH;
import static io.hlbridge.appointments.HighLevelToICloudSteps.IGNORE_OWN_ECHOES;
import static io.hlbridge.appointments.HighLevelToICloudSteps.PLAN;
import static io.hlbridge.appointments.HighLevelToICloudSteps.SYNCED_CALENDAR_TYPES_ONLY;
import static io.hlbridge.appointments.HighLevelToICloudSteps.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.highlevel.UnusableAppointment;
import io.hlbridge.store.InboxEntry;
import io.hlbridge.testing.RouteRun;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The route file routes/highlevel-to-icloud.camel.yaml itself, fast: its steps are stand-ins that record that they ran
 * (and skip or fail where a row says), so each row shows where the YAML stops the work or which error clause takes it.
 * The end-to-end contracts run the same route with the real steps against Radicale and Xandikos.
 */
@CamelMainTest(properties = {"camel.main.routes-include-pattern=file:routes/highlevel-to-icloud.camel.yaml",
        "sync.concurrency=1"}, configurationClasses = HighLevelToICloudRouteTest.StandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one Camel for every row: each row waits for its own exchange
class HighLevelToICloudRouteTest {
    static final List<String> STEPS = List.of(CLAIM, APPOINTMENT_EVENTS_ONLY, CALENDAR_SERVER_BACKOFF,
            SYNCED_CALENDAR_TYPES_ONLY, IGNORE_OWN_ECHOES, FETCH, PLAN, WRITE, COMPLETE);
    static final List<String> FAILURE_STEPS = List.copyOf(HighLevelToICloudSteps.FAILURE_STEPS.values());

    /** What each stand-in does in the current row; the steps that ran, in order. */
    static final Map<String, Supplier<Exception>> FAILS = new ConcurrentHashMap<>();
    static final Map<String, String> SKIPS = new ConcurrentHashMap<>();
    static final List<String> RAN = Collections.synchronizedList(new ArrayList<>());

    /** Binds a stand-in under each step name the route uses, and the real failure table. */
    public static class StandIns implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) {
            context.getRegistry().bind(FAILURE_HANDLING, new FailureHandling());
            for (String step : STEPS) {
                context.getRegistry().bind(step, standIn(step));
            }
            for (String step : FAILURE_STEPS) {
                context.getRegistry().bind(step, (Processor) e -> RAN.add(step));
            }
        }

        static Processor standIn(String step) {
            return exchange -> {
                if (step.equals(CLAIM)) {
                    claim(exchange);
                }
                AppointmentWork work = exchange.getVariable(ClaimInboxWork.VARIABLE, AppointmentWork.class);
                RAN.add(step.equals(COMPLETE) ? step + (work.isSkipped() ? " SKIPPED" : " DONE") : step);
                if (SKIPS.containsKey(step)) {
                    work.skip(new SkipRules.Skip(SKIPS.get(step), "skipped by " + step));
                }
                if (FAILS.containsKey(step)) {
                    throw FAILS.get(step).get();
                }
            };
        }

        static void claim(Exchange exchange) throws Exception {
            String key = exchange.getMessage().getBody(String.class);
            String payload = "{\"type\":\"AppointmentCreate\",\"appointment\":{\"id\":\"A1\",\"locationId\":\"L1\"}}";
            AppointmentWork work = new AppointmentWork(key, List.of(new InboxEntry(1, "w1", key, "AppointmentCreate",
                    "L1", payload, 0, 0)), new ObjectMapper().readTree(payload));
            exchange.setVariable(ClaimInboxWork.VARIABLE, work);
            exchange.getMessage().setBody(work);
        }
    }

    @BeanInject
    CamelContext context;

    @BeforeEach
    void clear() {
        FAILS.clear();
        SKIPS.clear();
        RAN.clear();
    }

    /** Sends one work key and returns the steps that ran once its exchange is done. */
    List<String> run() throws Exception {
        RouteRun.send(context, "seda:appointment-sync", "appointment:A1");
        return List.copyOf(RAN);
    }

    @Test
    void workThatPassesEveryGateIsFetchedPlannedWrittenAndDone() throws Exception {
        assertEquals(List.of("claimInboxWork", "appointmentEventsOnly", "calendarServerBackoff",
                "syncedCalendarTypesOnly", "ignoreOwnEchoes", "fetchAppointment", "planCalendarWrites",
                "writeLinkedCalendarEvent", "completeInboxWork DONE"), run());
    }

    @ParameterizedTest(name = "skipped by {0}: the work ends after {1} steps, SKIPPED")
    @CsvSource(delimiter = '|', textBlock = """
            appointmentEventsOnly   | 2
            syncedCalendarTypesOnly | 4
            ignoreOwnEchoes         | 5
            fetchAppointment        | 6
            """)
    void aGateEndsSkippedWorkRightAfterItsFilter(String filter, int stepsRun) throws Exception {
        SKIPS.put(filter, "test");
        List<String> ran = run();
        assertEquals(STEPS.subList(0, stepsRun), ran.subList(0, ran.size() - 1), "nothing after the filter runs");
        assertEquals("completeInboxWork SKIPPED", ran.get(ran.size() - 1));
    }

    @ParameterizedTest(name = "{1} in {0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            calendarServerBackoff    | server-waiting       | postponeInboxWork
            fetchAppointment         | location-paused      | postponeInboxWork
            writeLinkedCalendarEvent | app-password-refused | holdForCredentials
            writeLinkedCalendarEvent | unusable-appointment | parkInboxWork
            fetchAppointment         | highlevel-422        | parkInboxWork
            writeLinkedCalendarEvent | connection-reset     | retryInboxWorkLater
            planCalendarWrites       | a-bug                | retryInboxWorkLater
            """)
    void eachFailureIsTakenByItsOneClauseAndTheWorkIsNotCompleted(String failingStep, String failure,
            String clauseStep) throws Exception {
        FAILS.put(failingStep, switch (failure) {
            case "server-waiting" -> () -> new CalendarServerBackoff.Waiting("busy", 1);
            case "location-paused" -> () -> new HighLevelApiException.Paused("429", 1);
            case "app-password-refused" -> () -> new CalDavException.Unauthorized("401");
            case "unusable-appointment" -> () -> new UnusableAppointment("ends before it starts");
            case "highlevel-422" -> () -> new HighLevelApiException(422, "invalid");
            case "connection-reset" -> () -> new IOException("connection reset");
            default -> () -> new IllegalStateException("a bug");
        });
        List<String> ran = run();
        int failedAt = STEPS.indexOf(failingStep);
        assertEquals(STEPS.subList(0, failedAt + 1), ran.subList(0, failedAt + 1), "the steps up to the failure");
        assertEquals(List.of(clauseStep), ran.subList(failedAt + 1, ran.size()), "then only its clause's step");
    }
}
