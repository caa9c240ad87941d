package io.hlbridge.busytime;

import io.hlbridge.caldav.CalDav;
import io.hlbridge.connections.Connections;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.ical.BusyInstanceExpander;
import io.hlbridge.inbox.WorkLocks;
import io.hlbridge.nodes.PollClaims;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.Stores;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** The beans of iCloud → HighLevel (routes/icloud-to-highlevel.camel.yaml), under the names the routes use. */
public final class BusyTimeWiring {
    private BusyTimeWiring() {
    }

    public static void bind(CamelContext context, BusyTimeSettings s, Stores stores, HighLevel highLevel, CalDav caldav,
            Connections connections, WorkLocks locks, AppointmentToVEvent toVEvent, BridgeMetrics metrics,
            PollClaims claims) {
        Registry r = context.getRegistry();
        PollsInFlight inFlight = new PollsInFlight(claims);
        ResourceQuarantine quarantine = new ResourceQuarantine(metrics);
        r.bind("dueCalendarPolls", new DueCalendarPolls(connections.directory(), connections.credentials(), inFlight));
        r.bind("pollableCalendars", new PollableCalendars(caldav.discovery(), connections, s.window(),
                inFlight));
        r.bind("detectCalendarChanges", new DetectCalendarChanges(stores.calendars(), stores.resources(),
                caldav.syncReport(), caldav.queryEtags(), metrics));
        r.bind("fetchChangedEvents", new FetchChangedEvents(caldav.multiget(), stores.resources(), stores.links(),
                metrics, quarantine));
        r.bind("planBlockedSlots", new PlanBlockedSlots(stores.slots(), stores.resources(), highLevel.zones(),
                new BusyInstanceExpander(s.allDay(), s.maxOccurrencesPerEvent()), quarantine, metrics, s));
        r.bind("guardBulkDeletions", new GuardBulkDeletions(s.maxDeletionsPerPoll(), metrics));
        r.bind("moveEditedAppointments", new MoveEditedAppointments(highLevel.client(), stores.links(), toVEvent,
                highLevel.zones(), metrics, locks));
        r.bind("writeBlockedSlots", new WriteBlockedSlots(highLevel.client(), stores.slots(), quarantine, metrics,
                s.scope()));
        r.bind("commitCalendarPoll", new CommitCalendarPoll(stores.calendars(), stores.resources(), metrics));
        r.bind("pollFailure", new PollFailure());
        r.bind("recordFailedPoll", new RecordFailedPoll(metrics, connections, false));
        r.bind("holdPollsForCredentials", new RecordFailedPoll(metrics, connections, true));
    }
}
