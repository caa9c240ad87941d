package io.hlbridge;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.admin.AdminWiring;
import io.hlbridge.appointments.AppointmentsWiring;
import io.hlbridge.busytime.BusyTimeWiring;
import io.hlbridge.config.CamelSettings;
import io.hlbridge.connectpage.ConnectPageWiring;
import io.hlbridge.connections.AppointmentRewrites;
import io.hlbridge.connections.ConnectionAdmin;
import io.hlbridge.connections.Connections;
import io.hlbridge.connections.ConnectionsWiring;
import io.hlbridge.inbox.InboxWiring;
import io.hlbridge.inbox.WorkLocks;
import io.hlbridge.nodes.NodesWiring;
import io.hlbridge.oauth.OAuthWiring;
import io.hlbridge.observe.HighLevelExchangeMetrics;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.runtime.FatalErrors;
import io.hlbridge.slotcopies.SlotCopiesWiring;
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
        Registry r = context.getRegistry();
        Adapters a = Adapters.open(CamelSettings.read(context), r, BridgeMetrics.in(context));
        if (a.ownsStore()) {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    a.stores().db().close(); // Camel stops its services after the routes have drained
                }
            }, true);
        }
        a.highLevel().client().observe(new HighLevelExchangeMetrics(a.metrics()));
        NodesWiring.Nodes nodes = NodesWiring.bind(context, a);
        WorkLocks locks = new WorkLocks(nodes.work());
        r.bind("bridgeDatabase", a.stores().db());
        r.bind("inboxStore", a.stores().inbox());
        r.bind("highLevelClient", a.highLevel().client());
        r.bind("calDavClient", a.calDav().client());
        r.bind("bridgeMetrics", a.metrics());

        Connections connections = ConnectionsWiring.bind(r, a, OAuthWiring.bind(r, a));
        WebhookWiring.bind(r, a);
        AppointmentRewrites rewrites = InboxWiring.bind(r, a, connections, locks);
        AppointmentsWiring.bind(r, a, connections, locks);
        BusyTimeWiring.bind(r, a, connections, locks, nodes.polls());
        SlotCopiesWiring.bind(r, a, connections);
        ConnectionAdmin admin = ConnectionsWiring.admin(r, a, connections, rewrites);
        AdminWiring.bind(context, a, connections, admin, nodes.directory());
        ConnectPageWiring.bind(r, a, connections, admin);
        context.addStartupListener(new StartupChecks());
        FatalErrors.watch(context);
        context.getManagementStrategy().addEventNotifier(new RouteContracts.OnReload());
    }
}
