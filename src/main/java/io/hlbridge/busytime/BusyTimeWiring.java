package io.hlbridge.busytime;

import static io.hlbridge.busytime.ICloudToHighLevelSteps.COMMIT;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.DETECT_CHANGES;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.DUE_POLLS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.FETCH_CHANGED;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.GUARD_BULK_DELETIONS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.HOLD_FOR_CREDENTIALS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.MOVE_EDITED_APPOINTMENTS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.PLAN_SLOTS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.POLLABLE_CALENDARS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.POLL_FAILURE;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.RECORD_FAILED_POLL;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.WRITE_SLOTS;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.caldav.CalDav;
import io.hlbridge.connections.Connections;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.ical.BusyInstanceExpander;
import io.hlbridge.inbox.WorkLocks;
import io.hlbridge.nodes.PollClaims;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.Stores;
import org.apache.camel.spi.Registry;

/** The beans of iCloud → HighLevel (routes/icloud-to-highlevel.camel.yaml), under the names the routes use. */
public final class BusyTimeWiring {
    private BusyTimeWiring() {
    }

    public static void bind(Registry r, Adapters a, Connections connections, WorkLocks locks, PollClaims claims) {
        BusyTimeSettings s = BusyTimeSettings.from(a.settings());
        Stores stores = a.stores();
        HighLevel highLevel = a.highLevel();
        CalDav caldav = a.calDav();
        BridgeMetrics metrics = a.metrics();
        PollsInFlight inFlight = new PollsInFlight(claims);
        ResourceQuarantine quarantine = new ResourceQuarantine(metrics);
        r.bind(DUE_POLLS, new DueCalendarPolls(connections.directory(), connections.credentials(), inFlight));
        r.bind(POLLABLE_CALENDARS, new PollableCalendars(caldav.discovery(), connections, s.window(), inFlight,
                metrics));
        r.bind(DETECT_CHANGES, new DetectCalendarChanges(stores.calendars(), stores.resources(), caldav.syncReport(),
                caldav.queryEtags(), metrics, s));
        r.bind(FETCH_CHANGED, new FetchChangedEvents(caldav.multiget(), stores.resources(), stores.links(), metrics,
                quarantine));
        r.bind(PLAN_SLOTS, new PlanBlockedSlots(stores.slots(), stores.resources(), highLevel.zones(),
                new BusyInstanceExpander(s.global().allDay(), s.maxOccurrencesPerEvent()), quarantine, metrics, s));
        r.bind(GUARD_BULK_DELETIONS, new GuardBulkDeletions(s.maxDeletionsPerPoll(), metrics));
        r.bind(MOVE_EDITED_APPOINTMENTS, new MoveEditedAppointments(highLevel.client(), stores.links(), a.toVEvent(),
                highLevel.zones(), metrics, locks));
        r.bind(WRITE_SLOTS, new WriteBlockedSlots(highLevel.client(), stores.slots(), quarantine, metrics, s.scope()));
        r.bind(COMMIT, new CommitCalendarPoll(stores.calendars(), stores.resources(), metrics, connections.status()));
        r.bind(POLL_FAILURE, new PollFailure());
        r.bind(RECORD_FAILED_POLL, new RecordFailedPoll(metrics, connections, false));
        r.bind(HOLD_FOR_CREDENTIALS, new RecordFailedPoll(metrics, connections, true));
    }
}
