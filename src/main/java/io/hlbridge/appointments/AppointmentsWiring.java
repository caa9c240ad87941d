package io.hlbridge.appointments;

import java.util.Map;

import io.hlbridge.caldav.CalDav;
import io.hlbridge.connections.Connections;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.HighLevelCredentials;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.inbox.RetryPolicy;
import io.hlbridge.inbox.WorkLocks;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.Stores;
import org.apache.camel.spi.Registry;

/** The beans of HighLevel → iCloud (routes/highlevel-to-icloud.camel.yaml), under the names the route uses. */
public final class AppointmentsWiring {
    /** The step of each error clause of highlevel-to-icloud. */
    public static final Map<FailureHandling.Outcome, String> FAILURE_STEPS = Map.of(
            FailureHandling.Outcome.POSTPONE, "postponeInboxWork",
            FailureHandling.Outcome.HOLD_FOR_CREDENTIALS, "holdForCredentials",
            FailureHandling.Outcome.PARK, "parkInboxWork",
            FailureHandling.Outcome.RETRY, "retryInboxWorkLater");

    private AppointmentsWiring() {
    }

    public static void bind(Registry r, AppointmentSettings s, RetryPolicy retry, Stores stores, HighLevel highLevel,
            CalDav caldav, Connections connections, WorkLocks locks, AppointmentToVEvent toVEvent,
            BridgeMetrics metrics) {
        CalendarServerBackoff backoff = new CalendarServerBackoff(connections.directory(), stores.links(), retry,
                s.concurrency());
        highLevel.client().observe(new HighLevelClient.ExchangeObserver() {
            @Override
            public void answered(HighLevelCredentials c, String method, String path, int status, long millis) {
                backoff.tookHighLevel(c.locationId(), millis);
            }

            @Override
            public void unanswered(HighLevelCredentials c, String method, String path, long millis) {
                backoff.tookHighLevel(c.locationId(), Long.MAX_VALUE);
            }
        });
        r.bind("claimInboxWork", new ClaimInboxWork(stores.inbox(), locks));
        r.bind("appointmentEventsOnly", new AppointmentEventsOnly());
        r.bind("syncedCalendarTypesOnly", new SyncedCalendarTypesOnly(connections.directory(),
                highLevel.calendarTypes(), s.calendarTypes()));
        r.bind("ignoreOwnEchoes", new IgnoreOwnEchoes(stores.links(), stores.slots()));
        r.bind("calendarServerBackoff", backoff);
        r.bind("fetchAppointment", new FetchAppointment(connections.directory(), highLevel.client()));
        r.bind("planCalendarWrites", new PlanCalendarWrites(connections.directory(), stores.links()));
        r.bind("writeLinkedCalendarEvent", new WriteLinkedCalendarEvent(caldav.client(), caldav.discovery(),
                connections, toVEvent, highLevel.zones(), metrics, backoff));
        r.bind("completeInboxWork", new CompleteInboxWork(stores.db(), stores.inbox(), stores.links(), metrics));
        r.bind("failureHandling", new FailureHandling());
        for (FailureHandling.Outcome outcome : FailureHandling.Outcome.values()) {
            r.bind(FAILURE_STEPS.get(outcome), new FailedInboxWork(outcome, stores.inbox(), stores.links(), retry,
                    metrics));
        }
    }
}
