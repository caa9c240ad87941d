package io.hlbridge.admin;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.connections.ConnectionState;
import io.hlbridge.connections.ConnectionStatus;
import io.hlbridge.store.InboxStore;

/**
 * What the admin API answers, as JSON (docs/admin-api.yaml is the contract). A connection is shown with every field
 * but its secrets: no app password, no HighLevel token, in any answer.
 */
final class AdminViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminViews() {
    }

    static ObjectNode connection(ObjectMapper json, ConnectionDirectory.Entry e, ConnectionState state,
            ConnectionStatus.Problem lastError, Map<String, Long> lastPolls) {
        Connection c = e.connection();
        ObjectNode n = json.createObjectNode();
        n.put("name", c.name()).put("source", e.source() == ConnectionDirectory.Source.STORED ? "stored"
                : "configuration").put("locationId", c.locationId()).put("userId", c.userId())
                .put("appleId", c.appleId()).put("linkedCalendar", c.linkedCalendar());
        ArrayNode conflicts = n.putArray("conflictCalendars");
        c.conflictCalendars().forEach(conflicts::add);
        n.put("timeZone", c.timeZone() == null ? null : c.timeZone().getId()).put("calendarId", c.calendarId())
                .put("paused", e.paused());
        ObjectNode choices = n.putObject("choices");
        c.choices().written().forEach(choices::put);
        ObjectNode s = n.putObject("state");
        s.put("status", state.kind().written()).put("since", state.since() == 0 ? null : time(state.since()))
                .put("reason", state.reason().isEmpty() ? null : state.reason());
        if (lastError == null) {
            n.putNull("lastError");
        } else {
            n.putObject("lastError").put("at", time(lastError.at())).put("reason", lastError.reason());
        }
        ArrayNode calendars = n.putArray("calendars");
        lastPolls.forEach((url, at) -> calendars.addObject().put("url", url).put("lastPoll", at == 0 ? null : time(at)));
        n.put("createdAt", e.createdAt() == 0 ? null : time(e.createdAt()))
                .put("updatedAt", e.updatedAt() == 0 ? null : time(e.updatedAt()));
        return n;
    }

    static ObjectNode inboxEntry(ObjectMapper json, InboxStore.Item i) {
        ObjectNode n = json.createObjectNode();
        n.put("id", i.id()).put("webhookId", i.webhookId()).put("workKey", i.workKey()).put("eventType", i.eventType())
                .put("locationId", i.locationId()).put("receivedAt", time(i.receivedAt())).put("attempts", i.attempts())
                .put("nextAttemptAt", i.state() == InboxStore.State.FAILED ? null : time(i.nextAttemptAt()))
                .put("lastError", i.lastError()).put("state", i.state().name().toLowerCase(java.util.Locale.ROOT));
        return n;
    }

    static ObjectNode problem(ObjectMapper json, int status, String field, String reason) {
        ObjectNode n = json.createObjectNode();
        n.put("status", status).put("field", field).put("reason", reason);
        return n;
    }

    /** A problem as the JSON text of an answer, whatever characters the reason holds. */
    static String problemText(int status, String reason) {
        return problem(JSON, status, null, reason).toString();
    }

    static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
