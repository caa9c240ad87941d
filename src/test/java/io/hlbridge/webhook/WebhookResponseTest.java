package io.hlbridge.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.runtime.BridgeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every answer of the webhook is valid JSON, whatever characters the refused input put into its reason. */
class WebhookResponseTest {

    @ParameterizedTest
    @ValueSource(strings = {"timestamp '\u0001' is not a time", "timestamp '\u001b[31m' is not a time",
            "a \"quoted\" \\ back\\slash", "line\r\nbreak\ttab", "\u2028 line separator \u0000 nul"})
    void aRefusalIsValidJsonCarryingItsReason(String reason) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new WebhookRejected(400, reason));
            new WebhookResponse(new BridgeMetrics(new SimpleMeterRegistry())).process(exchange);
            JsonNode answer = new ObjectMapper().readTree(exchange.getMessage().getBody(String.class));
            assertEquals(400, answer.path("status").asInt());
            assertEquals(reason, answer.path("message").asText(), "the reason, every character kept");
        }
    }
}
