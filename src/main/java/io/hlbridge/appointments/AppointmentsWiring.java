package io.hlbridge.appointments;

import static io.hlbridge.appointments.HighLevelToICloudSteps.APPOINTMENT_EVENTS_ONLY;
import static io.hlbridge.appointments.HighLevelToICloudSteps.CALENDAR_SERVER_BACKOFF;
import static io.hlbridge.appointments.HighLevelToICloudSteps.CLAIM;
import static io.hlbridge.appointments.HighLevelToICloudSteps.COMPLETE;
import static io.hlbridge.appointments.HighLevelToICloudSteps.FAILURE_HANDLING;
import static io.hlbridge.appointments.HighLevelToICloudSteps.FAILURE_STEPS;
import static io.hlbridge.appointments.HighLevelToICloudSteps.FETCH;
import static io.hlbridge.appointments.HighLevelToICloudSteps.IGNORE_OWN_ECHOES;
import static io.hlbridge.appointments.HighLevelToICloudSteps.PLAN;
import static io.hlbridge.appointments.HighLevelToICloudSteps.SYNCED_CALENDAR_TYPES_ONLY;
import static io.hlbridge.appointments.HighLevelToICloudSteps.WRITE;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.connections.Connections;
import io.hlbridge.inbox.RetryPolicy;
import io.hlbridge.inbox.RetrySettings;
import io.hlbridge.inbox.WorkLocks;
import io.hlbridge.store.Stores;
import org.apache.camel.spi.Registry;

/** The beans of HighLevel → iCloud (routes/highlevel-to-icloud.camel.yaml), under the names the route uses. */
public final class AppointmentsWiring {
    private AppointmentsWiring() {
    }

    public static void bind(Registry r, Adapters a, Connections connections, WorkLocks locks) {
        AppointmentSettings s = AppointmentSettings.from(a.settings());
        RetryPolicy retry = new RetryPolicy(RetrySettings.from(a.settings()));
        Stores stores = a.stores();
        CalendarServerBackoff backoff = new CalendarServerBackoff(connections.directory(), stores.links(), retry,
                s.concurrency());
        a.highLevel().client().observe(backoff);
        r.bind(CLAIM, new ClaimInboxWork(stores.inbox(), locks));
        r.bind(APPOINTMENT_EVENTS_ONLY, new AppointmentEventsOnly());
        r.bind(SYNCED_CALENDAR_TYPES_ONLY, new SyncedCalendarTypesOnly(connections.directory(),
                a.highLevel().calendarTypes(), s.calendarTypes()));
        r.bind(IGNORE_OWN_ECHOES, new IgnoreOwnEchoes(stores.links(), stores.slots()));
        r.bind(CALENDAR_SERVER_BACKOFF, backoff);
        r.bind(FETCH, new FetchAppointment(connections.directory(), a.highLevel().client()));
        r.bind(PLAN, new PlanCalendarWrites(connections.directory(), stores.links()));
        r.bind(WRITE, new WriteLinkedCalendarEvent(a.calDav().client(), a.calDav().discovery(), connections,
                a.toVEvent(), a.highLevel().zones(), a.metrics(), backoff));
        r.bind(COMPLETE, new CompleteInboxWork(stores.db(), stores.inbox(), stores.links(), a.metrics()));
        r.bind(FAILURE_HANDLING, new FailureHandling());
        FAILURE_STEPS.forEach((outcome, step) -> r.bind(step, new FailedInboxWork(outcome, stores.inbox(),
                stores.links(), retry, a.metrics())));
    }
}
