package io.hlbridge;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.hlbridge.caldav.CalDavClient;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.caldav.CalendarMultiget;
import io.hlbridge.caldav.CalendarQueryEtags;
import io.hlbridge.caldav.SyncCollectionReport;
import io.hlbridge.config.BridgeSettings;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.config.MillisPropertiesFunction;
import io.hlbridge.highlevel.BlockedSlotRequest;
import io.hlbridge.highlevel.CalendarTypes;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.LocationRateLimiter;
import io.hlbridge.highlevel.LocationTimeZones;
import io.hlbridge.highlevel.WebhookSignatureVerifier;
import io.hlbridge.ical.AllDayPolicy;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.ical.BusyInstanceExpander;
import io.hlbridge.ical.EventDetails;
import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.CalendarStateStore;
import io.hlbridge.store.ConnectionStateStore;
import io.hlbridge.store.Database;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.LinkStore;
import io.hlbridge.store.ResourceStore;
import io.hlbridge.appointments.AppointmentEventsOnly;
import io.hlbridge.busytime.PollableCalendars;
import io.hlbridge.connections.RefusedCredentials;
import io.hlbridge.busytime.WriteBlockedSlots;
import io.hlbridge.busytime.ResourceQuarantine;
import io.hlbridge.busytime.RecordFailedPoll;
import io.hlbridge.inbox.ReconcileAppointments;
import io.hlbridge.busytime.PlanBlockedSlots;
import io.hlbridge.busytime.MoveEditedAppointments;
import io.hlbridge.busytime.FetchChangedEvents;
import io.hlbridge.busytime.DueCalendarPolls;
import io.hlbridge.busytime.DetectCalendarChanges;
import io.hlbridge.busytime.CommitCalendarPoll;
import io.hlbridge.appointments.CalendarServerBackoff;
import io.hlbridge.appointments.ClaimInboxWork;
import io.hlbridge.appointments.CompleteInboxWork;
import io.hlbridge.connections.ConnectionsCheck;
import io.hlbridge.inbox.DueInboxWork;
import io.hlbridge.inbox.PruneInbox;
import io.hlbridge.appointments.FetchAppointment;
import io.hlbridge.appointments.IgnoreOwnEchoes;
import io.hlbridge.webhook.InboxWriter;
import io.hlbridge.appointments.PlanCalendarWrites;
import io.hlbridge.inbox.RetryPolicy;
import io.hlbridge.appointments.ScheduleInboxRetry;
import io.hlbridge.observe.SyncMetrics;
import io.hlbridge.appointments.SyncedCalendarTypesOnly;
import io.hlbridge.webhook.WebhookEnvelopeCheck;
import io.hlbridge.webhook.WebhookResponse;
import io.hlbridge.webhook.WebhookSignatureCheck;
import io.hlbridge.inbox.WorkLocks;
import io.hlbridge.appointments.WriteLinkedCalendarEvent;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * Builds the bridge's beans from the configuration contract and binds them under the names the YAML routes
 * use. Embedding applications add this class to their camel-main (or call {@link #configure} themselves).
 */
public class BridgeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.addPropertiesFunction(new MillisPropertiesFunction());
        Set<String> keys = new HashSet<>(pc.loadPropertiesAsMap().keySet());
        System.getProperties().stringPropertyNames().forEach(keys::add);
        BridgeSettings s = new BridgeSettings(key -> pc.resolveProperty(key).orElse(null),
                BridgeSettings.connectionNames(keys));
        Registry r = context.getRegistry();

        ConnectionDirectory connections = new ConnectionDirectory(s.connections());
        Database db = new Database(s.string("bridge.db.url", "jdbc:h2:file:./data/bridge"),
                s.string("bridge.db.user", null), s.string("bridge.db.password", null),
                s.integer("bridge.db.pool-size", 16));
        context.addService(db, true);
        InboxStore inbox = new InboxStore(db);
        LinkStore links = new LinkStore(db);
        ConnectionStateStore states = new ConnectionStateStore(db);
        BlockedSlotStore slots = new BlockedSlotStore(db);
        ResourceStore resources = new ResourceStore(db);
        CalendarStateStore calendarStates = new CalendarStateStore(db);
        SyncMetrics metrics = new SyncMetrics();
        WorkLocks locks = new WorkLocks();

        LocationRateLimiter limiter = new LocationRateLimiter(s.integer("highlevel.rate-limit.max-requests", 100),
                s.duration("highlevel.rate-limit.window", Duration.ofSeconds(10)).toMillis());
        HighLevelClient highLevel = new HighLevelClient(s.string("highlevel.api-url",
                "https://services.leadconnectorhq.com"), limiter);
        highLevel.setTimeout(s.duration("highlevel.timeout", Duration.ofSeconds(30)));
        CalendarTypes calendarTypes = new CalendarTypes(highLevel);
        LocationTimeZones zones = new LocationTimeZones(highLevel);

        CalDavClient caldav = new CalDavClient(URI.create(s.string("icloud.caldav-url", "https://caldav.icloud.com/")));
        caldav.setTimeout(s.duration("icloud.timeout", Duration.ofSeconds(30)));
        CalendarDiscovery discovery = new CalendarDiscovery(caldav);

        AppointmentToVEvent toVEvent = new AppointmentToVEvent();
        toVEvent.setEventDetails(s.choice("sync.event-details", EventDetails.class, EventDetails.FULL));

        WebhookEnvelopeCheck envelope = new WebhookEnvelopeCheck();
        envelope.setMaxAge(s.duration("highlevel.webhook.max-age", Duration.ofMinutes(5)));
        PruneInbox prune = new PruneInbox(inbox, metrics);
        prune.setRetention(s.duration("bridge.inbox.retention", Duration.ofDays(7)),
                s.duration("highlevel.webhook.max-age", Duration.ofMinutes(5)));
        SyncedCalendarTypesOnly typesOnly = new SyncedCalendarTypesOnly(connections, calendarTypes, metrics);
        typesOnly.setSyncedTypes(s.list("sync.calendar-types", "round_robin,collective,class_booking,service_booking"));
        RetryPolicy retry = new RetryPolicy();
        retry.setInitialDelay(s.duration("bridge.retry.initial-delay", Duration.ofSeconds(1)));
        retry.setMaxDelay(s.duration("bridge.retry.max-delay", Duration.ofMinutes(5)));
        retry.setMaxAttempts(s.integer("bridge.retry.max-attempts", 25));
        RefusedCredentials credentials = new RefusedCredentials(states);
        credentials.setHold(s.duration("bridge.retry.credentials-delay", Duration.ofMinutes(15)));
        ScheduleInboxRetry scheduleRetry = new ScheduleInboxRetry(inbox, links, retry, metrics);
        scheduleRetry.setCredentialsDelay(credentials.hold());

        r.bind("bridgeDatabase", db);
        r.bind("connectionDirectory", connections);
        r.bind("inboxStore", inbox);
        r.bind("linkStore", links);
        r.bind("syncMetrics", metrics);
        r.bind("highLevelClient", highLevel);
        r.bind("calDavClient", caldav);
        r.bind("calendarDiscovery", discovery);
        // highlevel-webhook
        r.bind("blockedSlotStore", slots);
        r.bind("webhookSignatureCheck", new WebhookSignatureCheck(new WebhookSignatureVerifier(
                s.string("highlevel.webhook.ed25519-public-key", null), s.string("highlevel.webhook.rsa-public-key", null))));
        r.bind("webhookEnvelopeCheck", envelope);
        r.bind("inboxWriter", new InboxWriter(inbox, metrics));
        r.bind("webhookResponse", new WebhookResponse(metrics));
        // highlevel-to-icloud
        r.bind("claimInboxWork", new ClaimInboxWork(inbox, locks));
        r.bind("appointmentEventsOnly", new AppointmentEventsOnly());
        r.bind("syncedCalendarTypesOnly", typesOnly);
        r.bind("ignoreOwnEchoes", new IgnoreOwnEchoes(links, slots));
        r.bind("fetchAppointment", new FetchAppointment(highLevel));
        r.bind("planCalendarWrites", new PlanCalendarWrites(connections, links));
        CalendarServerBackoff serverBackoff = new CalendarServerBackoff(connections, links, retry);
        r.bind("calendarServerBackoff", serverBackoff);
        r.bind("writeLinkedCalendarEvent", new WriteLinkedCalendarEvent(caldav, discovery, credentials, toVEvent,
                zones, metrics, serverBackoff));
        r.bind("completeInboxWork", new CompleteInboxWork(db, inbox, links, metrics));
        r.bind("scheduleInboxRetry", scheduleRetry);
        r.bind("dueInboxWork", new DueInboxWork(inbox, locks));
        r.bind("pruneInbox", prune);
        r.bind("connectionsCheck", new ConnectionsCheck(connections, discovery, credentials, inbox));
        bindPolling(context, s, connections, discovery, credentials, calendarStates, resources, slots, links, caldav,
                highLevel, zones, toVEvent, metrics, locks);
        // highlevel-reconcile
        ReconcileAppointments reconcile = new ReconcileAppointments(connections, highLevel, links, slots, inbox, metrics);
        reconcile.setPastDays(s.integer("sync.window.past-days", 1));
        reconcile.setFutureDays(s.integer("sync.window.future-days", 90));
        r.bind("reconcileAppointments", reconcile);
    }

    /** icloud-to-highlevel. */
    private static void bindPolling(CamelContext context, BridgeSettings s, ConnectionDirectory connections,
            CalendarDiscovery discovery, RefusedCredentials credentials, CalendarStateStore calendarStates,
            ResourceStore resources, BlockedSlotStore slots, LinkStore links, CalDavClient caldav,
            HighLevelClient highLevel, LocationTimeZones zones, AppointmentToVEvent toVEvent, SyncMetrics metrics,
            WorkLocks locks) {
        Registry r = context.getRegistry();
        int pastDays = s.integer("sync.window.past-days", 1);
        int futureDays = s.integer("sync.window.future-days", 90);
        BlockedSlotRequest.Scope scope = s.choice("sync.blocked-slot-scope", BlockedSlotRequest.Scope.class,
                BlockedSlotRequest.Scope.USER);
        if (scope == BlockedSlotRequest.Scope.CALENDAR) {
            connections.all().stream().filter(c -> c.calendarId() == null).findFirst().ifPresent(c -> {
                throw new IllegalArgumentException("sync.blocked-slot-scope=calendar needs connections." + c.name()
                        + ".calendar-id");
            });
        }
        DueCalendarPolls due = new DueCalendarPolls(connections, credentials);
        PollableCalendars pollable = new PollableCalendars(discovery, credentials);
        pollable.setPastDays(pastDays);
        pollable.setFutureDays(futureDays);
        CalendarMultiget multiget = new CalendarMultiget(caldav);
        multiget.setBatchSize(s.integer("icloud.multiget-batch-size", 50));
        ResourceQuarantine quarantine = new ResourceQuarantine(metrics);
        BusyInstanceExpander expander = new BusyInstanceExpander();
        expander.setAllDay(s.choice("sync.all-day", AllDayPolicy.class, AllDayPolicy.RESPECT_TRANSP));
        PlanBlockedSlots plan = new PlanBlockedSlots(slots, resources, zones, expander, quarantine, metrics);
        plan.setTitleTemplate(s.string("sync.blocked-slot-title", "Busy"));
        plan.setDeletions(s.choice("sync.icloud-deletions", PlanBlockedSlots.Deletions.class,
                PlanBlockedSlots.Deletions.IGNORE));
        plan.setMaxDeletionsPerPoll(s.integer("sync.max-deletions-per-poll", 50));
        WriteBlockedSlots write = new WriteBlockedSlots(highLevel, slots, quarantine, metrics);
        write.setScope(scope);

        r.bind("pollExecutor", context.getExecutorServiceManager().newFixedThreadPool(due, "icloud-poll",
                s.integer("sync.poll-concurrency", 4)));
        r.bind("dueCalendarPolls", due);
        r.bind("pollableCalendars", pollable);
        r.bind("detectCalendarChanges", new DetectCalendarChanges(calendarStates, resources,
                new SyncCollectionReport(caldav), new CalendarQueryEtags(caldav), metrics));
        r.bind("fetchChangedEvents", new FetchChangedEvents(multiget, resources, links, metrics, quarantine));
        r.bind("planBlockedSlots", plan);
        r.bind("moveEditedAppointments", new MoveEditedAppointments(highLevel, links, toVEvent, zones, metrics, locks));
        r.bind("writeBlockedSlots", write);
        r.bind("commitCalendarPoll", new CommitCalendarPoll(calendarStates, resources, metrics));
        r.bind("recordFailedPoll", new RecordFailedPoll(metrics, credentials));
    }
}
