package io.hlbridge.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.ical.ContentHash;
import io.hlbridge.inbox.WorkLocks;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Parses the signed JSON and checks its envelope: {@code webhookId} present, {@code timestamp} within
 * {@code highlevel.webhook.max-age} (replay protection), and every field the inbox stores within its column (a value
 * the store cannot take is refused here with 400, never answered 429: HighLevel would re-send it for ever). Sets the
 * variables the inbox needs.
 */
public class WebhookEnvelopeCheck implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest values the inbox columns take (work keys are {@code appointment:} + the id). */
    static final int MAX_WEBHOOK_ID = 200;
    static final int MAX_TYPE = 100;
    static final int MAX_LOCATION_ID = 100;
    static final int MAX_APPOINTMENT_ID = 200 - WorkLocks.forAppointment("").length();
    /** The Marketplace app's own events, handled by the route's app branch. */
    public static final java.util.Set<String> APP_EVENTS = java.util.Set.of("INSTALL", "UNINSTALL");
    private final Duration maxAge;

    /** @param maxAge {@code highlevel.webhook.max-age} */
    public WebhookEnvelopeCheck(Duration maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        byte[] raw = exchange.getVariable("rawBody", byte[].class);
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (StreamConstraintsException e) {
            throw new WebhookRejected(400, "malformed JSON: nested or sized beyond what a webhook can be");
        } catch (JsonProcessingException e) {
            throw new WebhookRejected(400, "malformed JSON" + (e.getLocation() == null ? "" : " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new WebhookRejected(400, "malformed JSON: the body is not a JSON object");
        }
        String type = root.path("type").asText("");
        // INSTALL and UNINSTALL (AppInstall.md) carry neither: they are applied idempotently, not through the inbox
        boolean appEvent = APP_EVENTS.contains(type);
        String webhookId = root.path("webhookId").asText("");
        if (webhookId.isBlank() && appEvent) {
            webhookId = "app:" + ContentHash.sha256(new String(raw, StandardCharsets.UTF_8));
        }
        if (webhookId.isBlank()) {
            throw new WebhookRejected(400, "webhookId is missing");
        }
        longest("webhookId", webhookId, MAX_WEBHOOK_ID);
        if (!appEvent || root.hasNonNull("timestamp")) {
            Instant timestamp = timestamp(root.path("timestamp").asText(""));
            Instant now = Instant.now();
            if (timestamp.isBefore(now.minus(maxAge))) {
                throw new WebhookRejected(401, "timestamp " + timestamp + " is older than " + maxAge.toSeconds()
                        + "s");
            }
            if (timestamp.isAfter(now.plus(maxAge))) {
                throw new WebhookRejected(401, "timestamp " + timestamp + " is in the future");
            }
        }
        String appointmentId = root.path("appointment").path("id").asText("");
        longest("type", type, MAX_TYPE);
        longest("locationId", root.path("locationId").asText(""), MAX_LOCATION_ID);
        longest("appointment.locationId", root.path("appointment").path("locationId").asText(""), MAX_LOCATION_ID);
        longest("appointment.id", appointmentId, MAX_APPOINTMENT_ID);
        exchange.setVariable("webhookId", webhookId);
        exchange.setVariable("eventType", type);
        exchange.setVariable("locationId", root.path("locationId").asText(null));
        exchange.setVariable("workKey", appointmentId.isBlank() ? "event:" + webhookId : WorkLocks.forAppointment(appointmentId));
        exchange.setVariable("payload", new String(raw, StandardCharsets.UTF_8));
    }

    private static void longest(String field, String value, int max) throws WebhookRejected {
        if (value.length() > max) {
            throw new WebhookRejected(400, field + " is longer than " + max + " characters");
        }
    }

    private static Instant timestamp(String text) throws WebhookRejected {
        if (text.isBlank()) {
            throw new WebhookRejected(400, "timestamp is missing");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookRejected(400, "timestamp is not an ISO-8601 date-time: '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }
}
