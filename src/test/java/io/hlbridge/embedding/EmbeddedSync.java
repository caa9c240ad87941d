package io.hlbridge.embedding;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.TestSecrets;

/**
 * What each embedding test syncs: Alice's Work calendar in the CalDAV server, location L1 with Round Robin calendar
 * RR1 in the sandbox (the connection {@code BridgeHarness.connection(..., "alice", "L1", "U1", ...)} names), and one
 * appointment booked there that must reach the calendar through the host's webhook endpoint.
 */
final class EmbeddedSync {
    private EmbeddedSync() {
    }

    /** Creates the calendar and the location; returns the calendar's URL. */
    static URI prepare(CalDavServer server, HighLevelSandbox sandbox) throws Exception {
        URI work = server.mkcalendar(CalDavServer.USER, "work", "Work");
        sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addCalendar("RR1", "L1", "round_robin");
        return work;
    }

    /** Books a one-hour appointment at {@code start} (UTC) and waits until the calendar holds it exactly once. */
    static void appointmentReaches(CalDavServer server, URI work, HighLevelSandbox sandbox, URI webhook, String start,
            String title, Duration timeout) throws Exception {
        sandbox.setWebhookTarget(webhook);
        java.time.Instant from = java.time.Instant.parse(start);
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                "startTime", start, "endTime", from.plusSeconds(3600).toString(), "title", title,
                "users", List.of()), true);
        Await.until(timeout, () -> server.events(work).values().stream()
                .filter(ics -> ics.contains("X-HL-APPOINTMENT-ID:" + a.get("id").asText())).count(),
                n -> n == 1, "the appointment in " + server.name());
    }
}
