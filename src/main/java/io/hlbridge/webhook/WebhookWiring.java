package io.hlbridge.webhook;

import static io.hlbridge.webhook.WebhookSteps.ENVELOPE_CHECK;
import static io.hlbridge.webhook.WebhookSteps.INBOX_WRITER;
import static io.hlbridge.webhook.WebhookSteps.RESPONSE;
import static io.hlbridge.webhook.WebhookSteps.SIGNATURE_CHECK;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.highlevel.WebhookSignatureVerifier;
import org.apache.camel.spi.Registry;

/** The beans of the webhook intake (routes/highlevel-webhook.camel.yaml), under the names the route uses. */
public final class WebhookWiring {
    private WebhookWiring() {
    }

    public static void bind(Registry r, Adapters a) {
        WebhookSettings s = WebhookSettings.from(a.settings());
        r.bind(SIGNATURE_CHECK, new WebhookSignatureCheck(new WebhookSignatureVerifier(s.ed25519Key(), s.rsaKey())));
        r.bind(ENVELOPE_CHECK, new WebhookEnvelopeCheck(s.maxAge()));
        r.bind(INBOX_WRITER, new InboxWriter(a.stores().inbox()));
        r.bind(RESPONSE, new WebhookResponse(a.metrics()));
    }
}
