package io.hlbridge.testing;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;

/**
 * For the route-level tests: one message into a route, returning once its exchange has completed (or failing after
 * 10 s). Completed, not done: an exchange whose failure a clause handles is first reported failed, then completed
 * after the clause's steps, and waiting for "done" let a test read what the clause had not yet recorded.
 */
public final class RouteRun {
    private RouteRun() {
    }

    public static void send(CamelContext context, String routeId, String endpoint, Object body) throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(routeId).whenCompleted(1).create();
        try (ProducerTemplate template = context.createProducerTemplate()) {
            template.sendBody(endpoint, body);
        }
        if (!done.matches(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the exchange of route " + routeId + " did not end within 10 s");
        }
    }
}
