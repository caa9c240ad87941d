package io.hlbridge;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.hlbridge.caldav.CalDavClient;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.config.BridgeSettings;
import io.hlbridge.config.ConnectionDirectory;
import io.hlbridge.highlevel.CalendarTypes;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.LocationRateLimiter;
import io.hlbridge.highlevel.LocationTimeZones;
import io.hlbridge.highlevel.WebhookSignatureVerifier;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.ical.EventDetails;
import io.hlbridge.store.ConnectionStateStore;
import io.hlbridge.store.Database;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.LinkStore;
import io.hlbridge.sync.AppointmentEventsOnly;
import io.hlbridge.sync.CalendarServerBackoff;
import io.hlbridge.sync.ClaimInboxWork;
import io.hlbridge.sync.CompleteInboxWork;
import io.hlbridge.sync.ConnectionsCheck;
import io.hlbridge.sync.DueInboxWork;
import io.hlbridge.sync.FetchAppointment;
import io.hlbridge.sync.IgnoreOwnEchoes;
import io.hlbridge.sync.InboxWriter;
import io.hlbridge.sync.PlanCalendarWrites;
import io.hlbridge.sync.RetryPolicy;
import io.hlbridge.sync.ScheduleInboxRetry;
import io.hlbridge.sync.SyncMetrics;
import io.hlbridge.sync.SyncedCalendarTypesOnly;
import io.hlbridge.sync.WebhookEnvelopeCheck;
import io.hlbridge.sync.WebhookResponse;
import io.hlbridge.sync.WebhookSignatureCheck;
import io.hlbridge.sync.WorkLocks;
import io.hlbridge.sync.WriteLinkedCalendarEvent;
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
        SyncedCalendarTypesOnly typesOnly = new SyncedCalendarTypesOnly(connections, calendarTypes, metrics);
        typesOnly.setSyncedTypes(s.list("sync.calendar-types", "round_robin,collective,class_booking,service_booking"));
        RetryPolicy retry = new RetryPolicy();
        retry.setInitialDelay(s.duration("bridge.retry.initial-delay", Duration.ofSeconds(1)));
        retry.setMaxDelay(s.duration("bridge.retry.max-delay", Duration.ofMinutes(5)));
        retry.setMaxAttempts(s.integer("bridge.retry.max-attempts", 25));
        ScheduleInboxRetry scheduleRetry = new ScheduleInboxRetry(inbox, retry, metrics);
        scheduleRetry.setCredentialsDelay(s.duration("bridge.retry.credentials-delay", Duration.ofMinutes(15)));

        r.bind("bridgeDatabase", db);
        r.bind("connectionDirectory", connections);
        r.bind("inboxStore", inbox);
        r.bind("linkStore", links);
        r.bind("syncMetrics", metrics);
        r.bind("highLevelClient", highLevel);
        r.bind("calDavClient", caldav);
        r.bind("calendarDiscovery", discovery);
        // highlevel-webhook
        r.bind("webhookSignatureCheck", new WebhookSignatureCheck(new WebhookSignatureVerifier(
                s.string("highlevel.webhook.ed25519-public-key", null), s.string("highlevel.webhook.rsa-public-key", null))));
        r.bind("webhookEnvelopeCheck", envelope);
        r.bind("inboxWriter", new InboxWriter(inbox, metrics));
        r.bind("webhookResponse", new WebhookResponse(metrics));
        // highlevel-to-icloud
        r.bind("claimInboxWork", new ClaimInboxWork(inbox, locks));
        r.bind("appointmentEventsOnly", new AppointmentEventsOnly());
        r.bind("syncedCalendarTypesOnly", typesOnly);
        r.bind("ignoreOwnEchoes", new IgnoreOwnEchoes(links));
        r.bind("fetchAppointment", new FetchAppointment(highLevel));
        r.bind("planCalendarWrites", new PlanCalendarWrites(connections, links));
        CalendarServerBackoff serverBackoff = new CalendarServerBackoff(connections, links, retry);
        r.bind("calendarServerBackoff", serverBackoff);
        r.bind("writeLinkedCalendarEvent", new WriteLinkedCalendarEvent(caldav, discovery, links, states, toVEvent,
                zones, metrics, serverBackoff));
        r.bind("completeInboxWork", new CompleteInboxWork(inbox, metrics));
        r.bind("scheduleInboxRetry", scheduleRetry);
        r.bind("dueInboxWork", new DueInboxWork(inbox, locks));
        r.bind("connectionsCheck", new ConnectionsCheck(connections, discovery));
    }
}
