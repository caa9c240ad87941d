package io.hlbridge.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.hlbridge.testing.RouteRun;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The route file routes/highlevel-webhook.camel.yaml itself, fast (its HTTP endpoint replaced by a direct one): stand-in
 * steps record that they ran, so each row shows that nothing is stored before it is verified, that app events are
 * applied instead of stored, and that every refusal is answered by webhook-answers' clause and stores nothing.
 */
@CamelMainTest(properties = {"camel.main.routes-include-pattern=file:routes/highlevel-webhook.camel.yaml",
        "highlevel.webhook.path=/webhooks/highlevel"}, replaceRouteFromWith = {"highlevel-webhook=direct:webhook"},
        configurationClasses = HighLevelWebhookRouteTest.StandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HighLevelWebhookRouteTest {
    static final List<String> STEPS = List.of("webhookSignatureCheck", "webhookEnvelopeCheck", "appInstallWebhook",
            "inboxWriter", "webhookResponse");
    static final Map<String, Supplier<Exception>> FAILS = new ConcurrentHashMap<>();
    static volatile String eventType;
    static final List<String> RAN = Collections.synchronizedList(new ArrayList<>());

    /** Binds a stand-in under each step name; webhookResponse records whether it answers a refusal. */
    public static class StandIns implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) {
            for (String step : STEPS) {
                context.getRegistry().bind(step, (Processor) exchange -> {
                    Exception refused = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    RAN.add(step + (refused == null ? "" : " (refused)"));
                    if (step.equals("webhookEnvelopeCheck")) {
                        exchange.setVariable("eventType", eventType);
                    }
                    if (FAILS.containsKey(step)) {
                        throw FAILS.get(step).get();
                    }
                });
            }
        }
    }

    @BeanInject
    CamelContext context;

    @BeforeEach
    void clear() {
        FAILS.clear();
        RAN.clear();
        eventType = "AppointmentCreate";
    }

    List<String> deliver() throws Exception {
        RouteRun.send(context, "direct:webhook", "{}");
        return List.copyOf(RAN);
    }

    @Test
    void aVerifiedAppointmentWebhookIsStoredThenAnswered() throws Exception {
        assertEquals(List.of("webhookSignatureCheck", "webhookEnvelopeCheck", "inboxWriter", "webhookResponse"),
                deliver());
    }

    @ParameterizedTest(name = "{0}: applied at once, never stored")
    @CsvSource({"INSTALL", "UNINSTALL"})
    void anAppEventIsAppliedAndAnsweredNotStored(String type) throws Exception {
        eventType = type;
        assertEquals(List.of("webhookSignatureCheck", "webhookEnvelopeCheck", "appInstallWebhook", "webhookResponse"),
                deliver());
    }

    @ParameterizedTest(name = "{0} refuses it -> answered by the clause, nothing after")
    @CsvSource(delimiter = '|', textBlock = """
            webhookSignatureCheck | 1
            webhookEnvelopeCheck  | 2
            inboxWriter           | 3
            """)
    void aRefusedWebhookIsAnsweredByTheClauseAndNotStored(String refusingStep, int stepsRun) throws Exception {
        FAILS.put(refusingStep, () -> new WebhookRejected(401, "refused by " + refusingStep));
        List<String> ran = deliver();
        List<String> normal = List.of("webhookSignatureCheck", "webhookEnvelopeCheck", "inboxWriter");
        assertEquals(normal.subList(0, stepsRun), ran.subList(0, stepsRun));
        assertEquals(List.of("webhookResponse (refused)"), ran.subList(stepsRun, ran.size()));
    }
}
