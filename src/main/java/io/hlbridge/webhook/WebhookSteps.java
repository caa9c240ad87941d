package io.hlbridge.webhook;

import java.util.List;

import io.hlbridge.runtime.RouteContract;

/**
 * The step names of the webhook intake (routes/highlevel-webhook.camel.yaml), each declared once: the wiring binds
 * under them and the route contract requires them.
 */
public final class WebhookSteps {
    public static final String SIGNATURE_CHECK = "webhookSignatureCheck";
    public static final String ENVELOPE_CHECK = "webhookEnvelopeCheck";
    public static final String INBOX_WRITER = "inboxWriter";
    public static final String RESPONSE = "webhookResponse";

    public static final RouteContract CONTRACT = new RouteContract("highlevel-webhook",
            List.of(SIGNATURE_CHECK, ENVELOPE_CHECK, INBOX_WRITER, RESPONSE), List.of(RESPONSE),
            "a webhook is answered 200 only once verified and stored");

    private WebhookSteps() {
    }
}
