package io.hlbridge;

import io.hlbridge.admin.AdminWiring;
import io.hlbridge.appointments.AppointmentSettings;
import io.hlbridge.appointments.AppointmentsWiring;
import io.hlbridge.busytime.BusyTimeSettings;
import io.hlbridge.busytime.BusyTimeWiring;
import io.hlbridge.caldav.CalDav;
import io.hlbridge.caldav.CalDavSettings;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.CamelSettings;
import io.hlbridge.config.Settings;
import io.hlbridge.config.SyncWindow;
import io.hlbridge.connections.Connections;
import io.hlbridge.connections.ConnectionsWiring;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.highlevel.HighLevelSettings;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.inbox.InboxSettings;
import io.hlbridge.inbox.InboxWiring;
import io.hlbridge.inbox.RetryPolicy;
import io.hlbridge.inbox.RetrySettings;
import io.hlbridge.inbox.WorkLocks;
import io.hlbridge.nodes.NodesWiring;
import io.hlbridge.oauth.OAuthWiring;
import io.hlbridge.observe.HighLevelExchangeMetrics;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.runtime.FatalErrors;
import io.hlbridge.store.StoreSettings;
import io.hlbridge.store.Stores;
import io.hlbridge.webhook.WebhookSettings;
import io.hlbridge.webhook.WebhookWiring;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The bridge inside a Camel application: checks the configuration, opens the adapters once, and lets each flow bind
 * its beans under the names its routes use. The standalone jar runs it ({@link BridgeApplication}); an application
 * embedding the bridge adds it as a configuration class and includes {@code classpath:routes/*.camel.yaml}.
 */
public class BridgeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings s = CamelSettings.read(context);
        Registry r = context.getRegistry();
        BridgeMetrics metrics = BridgeMetrics.in(context);
        Stores stores = Stores.open(StoreSettings.from(s));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                stores.db().close(); // Camel stops its services after the routes have drained
            }
        }, true);
        HighLevel highLevel = HighLevel.create(HighLevelSettings.from(s));
        highLevel.client().observe(new HighLevelExchangeMetrics(metrics));
        CalDav caldav = CalDav.create(CalDavSettings.from(s));
        NodesWiring.Nodes nodes = NodesWiring.bind(context, s, stores.db(), highLevel, metrics);
        WorkLocks locks = new WorkLocks(nodes.work());
        AppointmentToVEvent toVEvent = new AppointmentToVEvent(s.get(BridgeOptions.EVENT_DETAILS));
        r.bind("bridgeDatabase", stores.db());
        r.bind("inboxStore", stores.inbox());
        r.bind("highLevelClient", highLevel.client());
        r.bind("calDavClient", caldav.client());
        r.bind("bridgeMetrics", metrics);

        Connections connections = ConnectionsWiring.bind(r, s, stores, caldav, highLevel,
                OAuthWiring.bind(r, s, stores, highLevel));
        WebhookWiring.bind(r, WebhookSettings.from(s), stores.inbox(), metrics);
        InboxWiring.bind(r, InboxSettings.from(s), SyncWindow.from(s), stores, highLevel, connections, locks, metrics);
        AppointmentsWiring.bind(r, AppointmentSettings.from(s), new RetryPolicy(RetrySettings.from(s)), stores,
                highLevel, caldav, connections, locks, toVEvent, metrics);
        BusyTimeWiring.bind(context, BusyTimeSettings.from(s), stores, highLevel, caldav, connections, locks, toVEvent,
                metrics, nodes.polls());
        AdminWiring.bind(context, s, stores, highLevel, caldav, connections, metrics, nodes.directory());
        context.addStartupListener(new StartupChecks());
        FatalErrors.watch(context);
        context.getManagementStrategy().addEventNotifier(new RouteContracts.OnReload());
    }
}
