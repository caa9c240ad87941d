package io.hlbridge.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * For the route-level tests: one message into a route, returning once its exchange has ended, error clauses included.
 * A {@code direct:} route runs in the caller's thread; a {@code seda:} one is called with
 * {@code waitForTaskToComplete=Always}, so the caller waits for the consumer's exchange (for 10 s at most). Waiting
 * on a {@code NotifyBuilder} instead once returned before the route had run its steps (in CI, cause not found: alone
 * it waited correctly for slow routes and slow error clauses); the caller's own wait leaves no event to mismatch.
 */
public final class RouteRun {
    private RouteRun() {
    }

    public static void send(CamelContext context, String endpoint, Object body) throws Exception {
        String uri = endpoint.startsWith("seda:") ? endpoint + "?waitForTaskToComplete=Always&timeout=10000" : endpoint;
        try (ProducerTemplate template = context.createProducerTemplate()) {
            template.sendBody(uri, body);
        }
    }
}
