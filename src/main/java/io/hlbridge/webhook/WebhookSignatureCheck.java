package io.hlbridge.webhook;

import io.hlbridge.highlevel.WebhookSignatureVerifier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of the webhook route: the signature over the raw body bytes, before anything parses them.
 * Keeps the bytes in the {@code rawBody} variable for the next steps.
 */
public class WebhookSignatureCheck implements Processor {
    private final WebhookSignatureVerifier verifier;

    public WebhookSignatureCheck(WebhookSignatureVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        String ghl = exchange.getMessage().getHeader("x-ghl-signature", String.class);
        String wh = exchange.getMessage().getHeader("x-wh-signature", String.class);
        switch (verifier.verify(body, ghl, wh)) {
            case MISSING -> throw new WebhookRejected(401, "missing signature (x-ghl-signature or x-wh-signature)");
            case INVALID -> throw new WebhookRejected(401, "invalid signature");
            case VALID -> exchange.setVariable("rawBody", body);
        }
    }
}
