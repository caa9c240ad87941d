package io.hlbridge.webhook;

import io.hlbridge.highlevel.WebhookSignatureVerifier;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.InboxStore;
import org.apache.camel.spi.Registry;

/** The beans of the webhook intake (routes/highlevel-webhook.camel.yaml), under the names the route uses. */
public final class WebhookWiring {
    private WebhookWiring() {
    }

    public static void bind(Registry r, WebhookSettings s, InboxStore inbox, BridgeMetrics metrics) {
        r.bind("webhookSignatureCheck", new WebhookSignatureCheck(new WebhookSignatureVerifier(s.ed25519Key(),
                s.rsaKey())));
        r.bind("webhookEnvelopeCheck", new WebhookEnvelopeCheck(s.maxAge()));
        r.bind("inboxWriter", new InboxWriter(inbox));
        r.bind("webhookResponse", new WebhookResponse(metrics));
    }
}
