package io.hlbridge.connectpage;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The connect form as the page posts it: {@code appleId}, {@code appPassword}, {@code linkedCalendar} and
 * {@code conflictCalendars} (the names automation fills in), and its texts. Who the connection is for never comes
 * from the form: only from the session.
 */
record ConnectForm(String appleId, String appPassword, String linkedCalendar, List<String> conflictCalendars) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The form in a request body; all fields empty when the body is not the form. */
    static ConnectForm read(String body) {
        try {
            JsonNode n = body == null ? null : JSON.readTree(body);
            if (n == null || !n.isObject()) {
                return new ConnectForm("", "", "", List.of());
            }
            List<String> conflicts = new java.util.ArrayList<>();
            n.path("conflictCalendars").forEach(c -> {
                if (c.isTextual() && !c.asText().isBlank()) {
                    conflicts.add(c.asText());
                }
            });
            return new ConnectForm(text(n, "appleId"), text(n, "appPassword"), text(n, "linkedCalendar"), conflicts);
        } catch (JacksonException e) {
            return new ConnectForm("", "", "", List.of());
        }
    }

    boolean hasCredentials() {
        return !appleId.isBlank() && !appPassword.isEmpty();
    }

    /** The texts of the empty form. */
    static Map<String, Object> values(PageText text) {
        return Map.of("help", text.get("form.help"), "appleIdLabel", text.get("form.appleId"),
                "passwordLabel", text.get("form.appPassword"), "showCalendars", text.get("form.showCalendars"));
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.path(field).asText().strip() : "";
    }
}
