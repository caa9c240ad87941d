package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.connections.Connection;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.TestSecrets;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * routes/highlevel-to-icloud.camel.yaml end to end: appointments booked, changed, cancelled and deleted in the
 * HighLevel sandbox reach a real CalDAV server through the bridge as shipped. Run once per server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HighLevelToICloudContract {
    static final Duration WAIT = Duration.ofSeconds(20);

    CalDavServer server;
    HighLevelSandbox sandbox;
    BridgeHarness bridge;
    URI work;
    URI team;

    abstract CalDavServer newServer();

    @BeforeAll
    void start() throws Exception {
        server = newServer().start();
        work = server.mkcalendar(CalDavServer.USER, "work", "Work");
        team = server.mkcalendar("bob", "team", "Team");
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "America/New_York", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addCalendar("RR1", "L1", "round_robin");
        sandbox.addCalendar("COL1", "L1", "collective");
        sandbox.addCalendar("SIMPLE1", "L1", "event");
        Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                Files.createTempDirectory("bridge-" + server.name()));
        BridgeHarness.connection(p, "bob", "L1", "U2", "bob", "Team");
        p.put("sync.poll-interval", "1h"); // edits made here in iCloud are for the conflict rule, not for the poll
        bridge = BridgeHarness.start(p);
        sandbox.setWebhookTarget(bridge.webhookUrl());
    }

    @AfterEach
    void sandboxSawOnlyValidRequests() {
        sandbox.assertOnlyValidRequests();
    }

    @AfterAll
    void stop() throws Exception {
        bridge.close();
        sandbox.close();
        server.close();
    }

    ObjectNode book(String calendar, String start, String end, String title, Object users) throws Exception {
        return sandbox.book(Map.of("calendarId", calendar, "locationId", "L1", "assignedUserId", "U1",
                "startTime", start, "endTime", end, "title", title, "notes", "Bring the contract",
                "address", "12 Main St", "users", users), true);
    }

    Map<String, String> eventsOf(URI calendar, String appointmentId) throws Exception {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        server.events(calendar).forEach((href, ics) -> {
            if (ics.contains("X-HL-APPOINTMENT-ID:" + appointmentId)) {
                all.put(href, ics);
            }
        });
        return all;
    }

    Map<String, String> awaitEvent(URI calendar, String appointmentId, String containing) throws Exception {
        return Await.until(WAIT, () -> eventsOf(calendar, appointmentId),
                m -> m.size() == 1 && m.values().iterator().next().contains(containing),
                "one event of " + appointmentId + " containing " + containing);
    }

    @Test
    void createUpdateCancelAndDeleteFollowTheAppointment() throws Exception {
        ObjectNode a = book("RR1", "2026-12-01T10:00:00+05:30", "2026-12-01T11:00:00+05:30", "Consultation", List.of());
        String id = a.get("id").asText();
        Map<String, String> created = awaitEvent(work, id, "SUMMARY:Consultation");
        String href = created.keySet().iterator().next();
        String ics = created.get(href);
        assertTrue(ics.contains("DTSTART:20261201T043000Z"), ics);
        assertTrue(ics.contains("DTEND:20261201T053000Z"), ics);
        assertTrue(ics.contains("DESCRIPTION:Bring the contract"), ics);
        assertTrue(ics.contains("LOCATION:12 Main St"), ics);
        assertTrue(ics.contains("X-HL-BRIDGE-ORIGIN:highlevel"), ics);
        assertFalse(ics.contains("ORGANIZER") || ics.contains("ATTENDEE"), "no invitations: " + ics);
        String etag = server.etag(URI.create(href));

        sandbox.update(id, Map.of("title", "Consultation (moved)", "startTime", "2026-12-02T15:00:00+05:30",
                "endTime", "2026-12-02T16:30:00+05:30"), true);
        Map<String, String> updated = awaitEvent(work, id, "SUMMARY:Consultation (moved)");
        assertEquals(Set.of(href), updated.keySet(), "the same resource is updated");
        assertTrue(updated.get(href).contains("DTSTART:20261202T093000Z"), updated.get(href));
        assertTrue(updated.get(href).contains("DTEND:20261202T110000Z"), updated.get(href));
        assertNotEquals(etag, server.etag(URI.create(href)), "a new ETag");

        sandbox.update(id, Map.of("appointmentStatus", "cancelled"), true);
        Await.until(WAIT, () -> eventsOf(work, id), Map::isEmpty, "cancelled appointment removed");

        ObjectNode b = book("RR1", "2026-12-03T09:00:00Z", "2026-12-03T09:30:00Z", "Short call", List.of());
        awaitEvent(work, b.get("id").asText(), "SUMMARY:Short call");
        sandbox.delete(b.get("id").asText(), true);
        Await.until(WAIT, () -> eventsOf(work, b.get("id").asText()), Map::isEmpty, "deleted appointment removed");
    }

    @Test
    void instantsAreRightAcrossDaylightSavingChanges() throws Exception {
        // One night appointment across the end of DST in New York: 01:30 EDT to 01:30 EST is two real hours.
        ObjectNode night = book("RR1", "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "Night shift", List.of());
        String ics = awaitEvent(work, night.get("id").asText(), "SUMMARY:Night shift").values().iterator().next();
        assertTrue(ics.contains("DTSTART:20261101T053000Z") && ics.contains("DTEND:20261101T063000Z"), ics);

        // A daily series across the start of DST keeps its 10:00 wall-clock time: TZID + VTIMEZONE.
        ObjectNode series = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                "startTime", "2026-03-06T10:00:00-05:00", "endTime", "2026-03-06T10:45:00-05:00", "title", "Standup",
                "rrule", "RRULE:FREQ=DAILY;COUNT=5", "users", List.of()), true);
        String s = awaitEvent(work, series.get("id").asText(), "SUMMARY:Standup").values().iterator().next();
        assertTrue(s.contains("DTSTART;TZID=America/New_York:20260306T100000"), s);
        assertTrue(s.contains("RRULE:FREQ=DAILY;COUNT=5"), s);
        assertTrue(s.contains("BEGIN:VTIMEZONE") && s.contains("TZID:America/New_York"), s);
        Calendar cal = new CalendarBuilder().build(new StringReader(s));
        VEvent ev = cal.<VEvent>getComponents(Component.VEVENT).get(0);
        Set<Instant> starts = new TreeSet<>();
        ev.<ZonedDateTime>calculateRecurrenceSet(new Period<>(ZonedDateTime.parse("2026-03-01T00:00:00Z"),
                ZonedDateTime.parse("2026-03-31T00:00:00Z"))).forEach(p -> starts.add(Instant.from(p.getStart())));
        assertEquals(new TreeSet<>(List.of(Instant.parse("2026-03-06T15:00:00Z"), Instant.parse("2026-03-07T15:00:00Z"),
                Instant.parse("2026-03-08T14:00:00Z"), Instant.parse("2026-03-09T14:00:00Z"),
                Instant.parse("2026-03-10T14:00:00Z"))), starts);
    }

    /** The event as someone edits it in iCloud: a new title, and LAST-MODIFIED by their device's clock. */
    static String editedInICloud(String ics, String title, Instant lastModified) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(lastModified);
        return ics.replaceAll("SUMMARY:[^\r\n]*", "SUMMARY:" + title).replaceAll("LAST-MODIFIED:[^\r\n]*\r?\n", "")
                .replaceFirst("BEGIN:VEVENT\r?\n", "BEGIN:VEVENT\r\nLAST-MODIFIED:" + stamp + "\r\n");
    }

    @Test
    void anEventChangedOnBothSidesFollowsTheConflictRule() throws Exception {
        // edited in iCloud an hour before HighLevel's change: HighLevel's version is written over it (412, re-read)
        String older = book("RR1", "2026-12-10T10:00:00Z", "2026-12-10T11:00:00Z", "Conflict A", List.of())
                .get("id").asText();
        Map.Entry<String, String> a = awaitEvent(work, older, "SUMMARY:Conflict A").entrySet().iterator().next();
        assertEquals(2, server.put(URI.create(a.getKey()), editedInICloud(a.getValue(), "Edited in iCloud A",
                Instant.now().minusSeconds(3600))) / 100);
        long conflicts = bridge.metrics().count(BridgeMetrics.CONFLICTS);
        sandbox.update(older, Map.of("title", "HighLevel wins"), true);
        awaitEvent(work, older, "SUMMARY:HighLevel wins");
        assertEquals(conflicts + 1, bridge.metrics().count(BridgeMetrics.CONFLICTS), "the 412 went through the conflict rule");

        // edited in iCloud with a clock ahead of HighLevel's change: the iCloud version stays
        String newer = book("RR1", "2026-12-11T10:00:00Z", "2026-12-11T11:00:00Z", "Conflict B", List.of())
                .get("id").asText();
        Map.Entry<String, String> b = awaitEvent(work, newer, "SUMMARY:Conflict B").entrySet().iterator().next();
        assertEquals(2, server.put(URI.create(b.getKey()), editedInICloud(b.getValue(), "Edited in iCloud B",
                Instant.now().plusSeconds(3600))) / 100);
        sandbox.update(newer, Map.of("title", "HighLevel loses"), true);
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.CONFLICTS), n -> n == conflicts + 2, "the second conflict");
        Map<String, String> kept = eventsOf(work, newer);
        assertEquals(1, kept.size());
        assertTrue(kept.values().iterator().next().contains("SUMMARY:Edited in iCloud B"), kept.toString());
    }

    @Test
    void simpleCalendarsAreSkippedAndCollectiveAppointmentsReachEveryUser() throws Exception {
        long skippedBefore = bridge.metrics().count(BridgeMetrics.SKIPPED, "calendar-type:event");
        ObjectNode simple = book("SIMPLE1", "2026-12-05T10:00:00Z", "2026-12-05T11:00:00Z", "Simple", List.of());
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.SKIPPED, "calendar-type:event"), n -> n == skippedBefore + 1,
                "a counted skip");
        assertEquals(Map.of(), eventsOf(work, simple.get("id").asText()));

        ObjectNode collective = book("COL1", "2026-12-06T10:00:00Z", "2026-12-06T11:00:00Z", "Panel",
                List.of("U1", "U2"));
        String id = collective.get("id").asText();
        awaitEvent(work, id, "SUMMARY:Panel");
        awaitEvent(team, id, "SUMMARY:Panel");
        assertEquals(Map.of(), eventsOf(work, simple.get("id").asText()), "still nothing for the Simple calendar");
    }

    @Test
    void duplicatesAndOutOfOrderDeliveriesLeaveOneEventWithTheNewestData() throws Exception {
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                "startTime", "2026-12-07T10:00:00Z", "endTime", "2026-12-07T11:00:00Z", "title", "v1",
                "users", List.of()), false);
        String id = a.get("id").asText();
        HighLevelSandbox.SignedWebhook create = sandbox.webhook("AppointmentCreate", a);
        HighLevelSandbox.SignedWebhook v2 = sandbox.webhook("AppointmentUpdate", sandbox.update(id, Map.of("title", "v2"), false));
        HighLevelSandbox.SignedWebhook v3 = sandbox.webhook("AppointmentUpdate", sandbox.update(id, Map.of("title", "v3"), false));

        assertEquals(200, sandbox.deliver(create));
        assertEquals(409, sandbox.deliver(create), "the same webhook twice");
        assertEquals(200, sandbox.deliver(v3));
        assertEquals(200, sandbox.deliver(v2));
        awaitEvent(work, id, "SUMMARY:v3");
        bridge.awaitInboxApplied(); // every delivery applied, the older ones too
        Map<String, String> events = eventsOf(work, id);
        assertEquals(1, events.size(), "one event");
        assertTrue(events.values().iterator().next().contains("SUMMARY:v3"), "the newest data");
    }

    @Test
    void badWebhooksGetTheRightStatusAndNothingIsStoredOrWritten() throws Exception {
        long stored = bridge.inbox().countByStatus().values().stream().mapToLong(Long::longValue).sum();
        int events = server.events(work).size();
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                "startTime", "2026-12-08T10:00:00Z", "endTime", "2026-12-08T11:00:00Z", "title", "never",
                "users", List.of()), false);
        HighLevelSandbox.SignedWebhook good = sandbox.webhook("AppointmentCreate", a);

        assertEquals(401, post(good.body(), Map.of("x-ghl-signature", sandbox.sign("other".getBytes()))), "bad signature");
        assertEquals(401, post(good.body(), Map.of()), "missing signature");
        assertEquals(401, post(good.body(), Map.of("x-ghl-signature", "N/A")), "N/A is no signature");
        byte[] stale = new String(good.body()).replaceFirst("\"timestamp\":\"[^\"]+\"",
                "\"timestamp\":\"" + Instant.now().minusSeconds(600) + "\"").getBytes();
        assertEquals(401, post(stale, Map.of("x-ghl-signature", sandbox.sign(stale))), "stale timestamp");
        byte[] malformed = "{\"type\": \"AppointmentCreate\", \"webhookId\": ".getBytes();
        HttpResult r = postForBody(malformed, Map.of("x-ghl-signature", sandbox.sign(malformed)));
        assertEquals(400, r.status(), "malformed JSON");
        assertTrue(r.body().contains("malformed JSON") && !r.body().contains("\n"), "one-line reason: " + r.body());
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        assertEquals(413, post(big, Map.of("x-ghl-signature", sandbox.sign(big))), "2 MiB body");
        // Values the inbox's columns cannot hold, and JSON nested beyond reason: 400 with a reason of ours (HighLevel
        // re-sends what is answered 429, for ever), never a Java exception's text.
        String body = new String(good.body());
        for (Map.Entry<String, String> tooLong : Map.of(
                "\"type\":\"AppointmentCreate\"", "\"type\":\"" + "T".repeat(150) + "\"",
                "\"locationId\":\"L1\"", "\"locationId\":\"" + "L".repeat(150) + "\"",
                "\"id\":\"" + a.get("id").asText() + "\"", "\"id\":\"" + "A".repeat(250) + "\"").entrySet()) {
            byte[] hostile = body.replaceFirst(java.util.regex.Pattern.quote(tooLong.getKey()), tooLong.getValue())
                    .getBytes();
            HttpResult refused = postForBody(hostile, Map.of("x-ghl-signature", sandbox.sign(hostile)));
            assertEquals(400, refused.status(), tooLong.getValue().substring(0, 20) + ": " + refused.body());
            assertTrue(refused.body().contains("longer than"), refused.body());
        }
        byte[] deep = ("{\"webhookId\":\"deep\",\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}").getBytes();
        HttpResult nested = postForBody(deep, Map.of("x-ghl-signature", sandbox.sign(deep)));
        assertEquals(400, nested.status(), nested.body());
        assertTrue(!nested.body().contains("Exception") && !nested.body().contains("java."), nested.body());

        assertEquals(stored, bridge.inbox().countByStatus().values().stream().mapToLong(Long::longValue).sum(),
                "nothing stored");
        assertEquals(200, post(good.body(), Map.of("x-ghl-signature", good.signature())), "the genuine one");
        assertEquals(409, post(good.body(), Map.of("x-ghl-signature", good.signature())), "replayed webhookId");
        awaitEvent(work, a.get("id").asText(), "SUMMARY:never");
        assertEquals(events + 1, server.events(work).size(), "only the genuine webhook was written");
    }

    @Test
    void subscribedAndTaskCalendarsAreRefusedWithTheReason() throws Exception {
        server.mkSubscription(CalDavServer.USER, "holidays", "Holidays", "webcal://example.com/holidays.ics");
        List<String[]> cases = new java.util.ArrayList<>();
        cases.add(new String[] {"Holidays", "subscribed"});
        if (server.mkTaskList(CalDavServer.USER, "reminders", "Reminders").isPresent()) {
            cases.add(new String[] {"Reminders", "VTODO"});
        }
        CalendarDiscovery discovery = new CalendarDiscovery(bridge.calDavClient());
        for (String[] c : cases) {
            Connection conn = new Connection("carol", "L1", "U3",
                    TestSecrets.HIGHLEVEL_TOKEN, CalDavServer.USER, TestSecrets.APP_PASSWORD, c[0], List.of(), null, null);
            CalDavException.CalendarRefused e = org.junit.jupiter.api.Assertions.assertThrows(
                    CalDavException.CalendarRefused.class, () -> discovery.linkedCalendar(conn), c[0]);
            assertTrue(e.getMessage().contains("'" + c[0] + "'") && e.getMessage().contains(c[1])
                    && e.getMessage().contains("carol"), e.getMessage());
        }
    }

    record HttpResult(int status, String body) {
    }

    int post(byte[] body, Map<String, String> headers) throws Exception {
        return postForBody(body, headers).status();
    }

    HttpResult postForBody(byte[] body, Map<String, String> headers) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(bridge.webhookUrl())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(b.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new HttpResult(r.statusCode(), r.body());
    }
}
