package io.hlbridge.oauth;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.ical.ContentHash;
import io.hlbridge.webhook.WebhookRejected;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * INSTALL and UNINSTALL webhooks (AppInstall.md, AppUninstall.md), applied at once rather than through the inbox:
 * an UNINSTALL must stop the location's connections before the next poll, and both are idempotent, so a repeat
 * does no harm. An UNINSTALL older than the installation it would remove is ignored: by its timestamp, or, as
 * HighLevel documents it with none (the same signed bytes every time), by when this store first saw those bytes, so a
 * replayed one never undoes a later install. Webhooks of another app are refused (403); without a Marketplace app every one is.
 */
public class AppInstallWebhook implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OAuthSettings settings;
    private final Installations installations;

    /** @param settings null when no Marketplace app is configured */
    public AppInstallWebhook(OAuthSettings settings, Installations installations) {
        this.settings = settings;
        this.installations = installations;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String payload = exchange.getVariable("payload", String.class);
        JsonNode w = JSON.readTree(payload);
        String type = w.path("type").asText();
        if (settings == null) {
            throw new WebhookRejected(403, type + " refused: no Marketplace app is configured"
                    + " (highlevel.oauth.client-id)");
        }
        String appId = w.path("appId").asText("");
        if (!settings.appId().equals(appId)) {
            throw new WebhookRejected(403, type + " refused: it is for app '" + (appId.length() > 40
                    ? appId.substring(0, 40) + "..." : appId) + "', not this bridge's app (highlevel.oauth.app-id)");
        }
        String location = text(w, "locationId");
        String company = text(w, "companyId");
        if (location == null && company == null) {
            throw new WebhookRejected(400, type + " names neither locationId nor companyId");
        }
        if (location != null && location.length() > 100 || company != null && company.length() > 100) {
            throw new WebhookRejected(400, type + ": locationId and companyId are at most 100 characters");
        }
        try {
            if ("INSTALL".equals(type)) {
                installations.installWebhook(location, company);
            } else {
                installations.uninstallWebhook(location, company, sentAt(w), ContentHash.sha256(payload));
            }
        } catch (java.sql.SQLException e) {
            throw new WebhookRejected(429, "the installation could not be stored; HighLevel retries");
        }
    }

    private static long sentAt(JsonNode w) {
        try {
            return w.hasNonNull("timestamp") ? OffsetDateTime.parse(w.get("timestamp").asText()).toInstant()
                    .toEpochMilli() : 0;
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private static String text(JsonNode w, String field) {
        String v = w.path(field).asText("");
        return v.isBlank() ? null : v;
    }
}
