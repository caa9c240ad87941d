package io.hlbridge.highlevel;

import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who opened a Custom Page, as HighLevel's decrypted user context says: the user, their role, and the sub-account
 * (location) they have open. An agency-level visit has no {@code activeLocation}.
 *
 * @param role HighLevel's {@code role}: {@code admin} or {@code user}
 */
public record UserContext(String userId, String companyId, String role, String activeLocation, String userName,
        String email) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the user administers the location they have open. */
    public boolean admin() {
        return "admin".equalsIgnoreCase(role);
    }

    /** Whether the page was opened inside a sub-account rather than the agency view. */
    public boolean inLocation() {
        return activeLocation != null && !activeLocation.isBlank();
    }

    /** The context in a decrypted payload; empty when it is not JSON or names no user. */
    public static Optional<UserContext> parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject() || !n.path("userId").isTextual() || n.path("userId").asText().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new UserContext(n.path("userId").asText(), text(n, "companyId"), text(n, "role"),
                    text(n, "activeLocation"), text(n, "userName"), text(n, "email")));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.path(field).asText() : null;
    }
}
