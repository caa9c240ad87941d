package io.hlbridge.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.runtime.BridgeMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's answer: 200 once stored, or the status and one-line reason of a {@link WebhookRejected}; any
 * other failure is answered 429 so HighLevel retries it. Headers are cleared first: request headers (and
 * signatures) must not travel back in the response.
 */
public class WebhookResponse implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookResponse.class);
    /** The answer to anything that is not the webhook's fault; no Java exception text reaches the sender. */
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BUSY = "the bridge cannot store the event right now; retry later";
    private final BridgeMetrics metrics;

    public WebhookResponse(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        String body;
        if (e == null) {
            status = 200;
            body = "{\"status\":\"stored\"}";
        } else {
            if (e instanceof WebhookRejected r) {
                status = r.status();
                LOG.warn("Webhook refused with {}: {}", status, r.getMessage());
            } else {
                status = 429;
                LOG.error("Webhook could not be taken, answered 429 so HighLevel retries: {}", e.toString());
            }
            String reason = e instanceof WebhookRejected ? e.getMessage() : BUSY;
            body = JSON.createObjectNode().put("status", status).put("message", reason).toString(); // escapes all
        }
        metrics.increment(BridgeMetrics.WEBHOOKS, status == 200 ? "stored" : String.valueOf(status));
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body);
    }
}
