package io.hlbridge.testing;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;

/** For the route-level tests: one message into a route, returning once its exchange is done (or failing after 10 s). */
public final class RouteRun {
    private RouteRun() {
    }

    public static void send(CamelContext context, String routeId, String endpoint, Object body) throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(routeId).whenDone(1).create();
        try (ProducerTemplate template = context.createProducerTemplate()) {
            template.sendBody(endpoint, body);
        }
        if (!done.matches(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the exchange of route " + routeId + " did not end within 10 s");
        }
    }
}
