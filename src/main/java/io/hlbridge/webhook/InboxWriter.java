package io.hlbridge.webhook;

import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the webhook durably; the route answers 200 only after this commit. A store failure becomes 429, the
 * only answer HighLevel retries. A repeated {@code webhookId} is refused (409). The body becomes the work key.
 */
public class InboxWriter implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);
    private final InboxStore inbox;

    public InboxWriter(InboxStore inbox) {
        this.inbox = inbox;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String webhookId = exchange.getVariable("webhookId", String.class);
        InboxStore.Insert result;
        try {
            result = inbox.insert(webhookId, exchange.getVariable("workKey", String.class),
                    exchange.getVariable("eventType", String.class), exchange.getVariable("locationId", String.class),
                    exchange.getVariable("payload", String.class), System.currentTimeMillis());
        } catch (Exception e) {
            LOG.error("Inbox cannot store webhook {}: {}", webhookId, e.getMessage());
            throw new WebhookRejected(429, WebhookResponse.BUSY);
        }
        if (result == InboxStore.Insert.DUPLICATE) {
            throw new WebhookRejected(409, "webhookId " + webhookId + " was already received");
        }
        exchange.getMessage().setBody(exchange.getVariable("workKey", String.class));
    }
}
