package io.hlbridge.appointments;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.hlbridge.runtime.RouteContract;

/**
 * The step names routes/highlevel-to-icloud.camel.yaml refers to, each declared once: the wiring binds under them,
 * the route contract requires them, and the processors' messages name them.
 */
public final class HighLevelToICloudSteps {
    public static final String CLAIM = "claimInboxWork";
    public static final String APPOINTMENT_EVENTS_ONLY = "appointmentEventsOnly";
    public static final String CALENDAR_SERVER_BACKOFF = "calendarServerBackoff";
    public static final String SYNCED_CALENDAR_TYPES_ONLY = "syncedCalendarTypesOnly";
    public static final String IGNORE_OWN_ECHOES = "ignoreOwnEchoes";
    public static final String FETCH = "fetchAppointment";
    public static final String PLAN = "planCalendarWrites";
    public static final String WRITE = "writeLinkedCalendarEvent";
    public static final String COMPLETE = "completeInboxWork";
    /** The bean the error clauses' {@code onWhen} asks. */
    public static final String FAILURE_HANDLING = "failureHandling";
    /** The step of each error clause of the route's routeConfiguration, inbox-failures. */
    public static final Map<FailureHandling.Outcome, String> FAILURE_STEPS = Map.of(
            FailureHandling.Outcome.POSTPONE, "postponeInboxWork",
            FailureHandling.Outcome.HOLD_FOR_CREDENTIALS, "holdForCredentials",
            FailureHandling.Outcome.PARK, "parkInboxWork",
            FailureHandling.Outcome.RETRY, "retryInboxWorkLater");

    public static final RouteContract CONTRACT = new RouteContract("highlevel-to-icloud",
            List.of(CLAIM, FETCH, PLAN, WRITE, COMPLETE),
            List.copyOf(new TreeSet<>(FAILURE_STEPS.values())),
            "the inbox work is claimed, read from HighLevel, planned, written, then marked done");

    private HighLevelToICloudSteps() {
    }
}
