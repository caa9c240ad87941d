package io.hlbridge;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.hlbridge.appointments.HighLevelToICloudSteps;
import io.hlbridge.busytime.ICloudToHighLevelSteps;
import io.hlbridge.connections.ConnectionsSteps;
import io.hlbridge.inbox.InboxSteps;
import io.hlbridge.oauth.OAuthSteps;
import io.hlbridge.slotcopies.SlotCopiesSteps;
import io.hlbridge.runtime.RouteContract;
import io.hlbridge.webhook.WebhookSteps;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps each route must keep, in order, when users edit the routes, as each flow declares them
 * ({@link RouteContract}; docs/edit-routes.md lists them with the optional ones). A route that lacks one fails start-up naming the step and what needs it, instead of
 * failing later on every message; a route that was removed altogether is not checked.
 */
final class RouteContracts {
    /** Each flow's contracts, declared beside its step names. */
    static final List<RouteContract> CONTRACTS = Stream.of(List.of(WebhookSteps.CONTRACT, HighLevelToICloudSteps.CONTRACT,
            OAuthSteps.CONTRACT, ConnectionsSteps.CONTRACT, SlotCopiesSteps.CONTRACT), InboxSteps.CONTRACTS, ICloudToHighLevelSteps.CONTRACTS)
            .flatMap(List::stream).toList();

    private RouteContracts() {
    }

    /**
     * Routes reloaded while the bridge runs ({@code camel.main.routes-reload-enabled}) cannot be refused any more;
     * what is missing is logged as an error as soon as they are.
     */
    static final class OnReload extends EventNotifierSupport {
        private static final Logger LOG = LoggerFactory.getLogger(RouteContracts.class);

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.RouteReloadedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            CamelEvent.RouteReloadedEvent reloaded = (CamelEvent.RouteReloadedEvent) event;
            if (reloaded.getIndex() == reloaded.getTotal()) { // once the whole reload is in
                problems(reloaded.getRoute().getCamelContext()).forEach(p -> LOG.error("Reloaded routes cannot run: {}", p));
            }
        }
    }

    /** What is wrong with the loaded routes, one line per missing or misplaced step. */
    static List<String> problems(CamelContext context) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        List<String> problems = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            RouteContract contract = CONTRACTS.stream().filter(c -> c.routeId().equals(route.getRouteId()))
                    .findFirst().orElse(null);
            if (contract == null) {
                continue;
            }
            List<String> refs = new ArrayList<>();
            collect(route.getOutputs(), refs);
            int at = -1;
            for (String step : contract.steps()) {
                int found = refs.subList(at + 1, refs.size()).indexOf(step);
                if (found >= 0) {
                    at += 1 + found;
                } else if (refs.contains(step)) {
                    problems.add("route " + route.getRouteId() + " runs step '" + step + "' too early: "
                            + contract.why());
                } else {
                    problems.add("route " + route.getRouteId() + " has no step '" + step + "', which it needs: "
                            + contract.why());
                }
            }
            for (String step : contract.onException()) {
                if (!handles(model, route, step)) {
                    problems.add("route " + route.getRouteId() + " has no error handler running '" + step
                            + "' (its routeConfiguration): failures would lose the work instead of retrying it");
                }
            }
        }
        return problems;
    }

    private static boolean handles(Model model, RouteDefinition route, String step) {
        List<String> refs = new ArrayList<>();
        String ids = route.getRouteConfigurationId();
        for (String id : ids == null ? new String[0] : ids.split(",")) {
            RouteConfigurationDefinition config = model.getRouteConfigurationDefinition(id.trim());
            if (config != null) {
                for (OnExceptionDefinition on : config.getOnExceptions()) {
                    collect(on.getOutputs(), refs);
                }
            }
        }
        return refs.contains(step);
    }

    /** The bean refs of the steps, depth first; error handlers are checked on their own. */
    private static void collect(List<ProcessorDefinition<?>> outputs, List<String> refs) {
        for (ProcessorDefinition<?> p : outputs) {
            if (p instanceof OnExceptionDefinition) {
                continue;
            }
            if (p instanceof ProcessDefinition process && process.getRef() != null) {
                refs.add(process.getRef());
            }
            collect(p.getOutputs(), refs);
        }
    }
}
