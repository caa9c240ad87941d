package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.sandbox.SandboxFaults;
import io.hlbridge.store.InboxStore;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.LogCapture;
import io.hlbridge.testing.Misbehaviours;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Servers that trickle, lie or flood, as real loopback HTTP in front of Radicale and in the sandbox: one of them never
 * holds the others back, a garbled or wrong answer is retried rather than parked or believed, and what they send back
 * is logged only redacted. Two users: alice (Apple ID alice, location L1) and bob (Apple ID bob, location L2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileServersTest {
    static final Duration NORMAL = Duration.ofSeconds(10);
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    CalDavServer server;
    FaultProxy proxy;
    HighLevelSandbox sandbox;
    BridgeHarness bridge;
    URI aliceWork;
    URI aliceHome;
    URI aliceOther;
    URI bobTeam;
    int sequence;

    @BeforeAll
    void start() throws Exception {
        server = new RadicaleServer().start();
        proxy = new FaultProxy(server.baseUrl());
        aliceWork = server.mkcalendar(CalDavServer.USER, "work", "Work");
        aliceHome = server.mkcalendar(CalDavServer.USER, "home", "Home");
        aliceOther = server.mkcalendar(CalDavServer.USER, "other", "Other");
        bobTeam = server.mkcalendar("bob", "team", "Team");
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addLocation("L2", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN_2);
        sandbox.addCalendar("RR1", "L1", "round_robin");
        sandbox.addCalendar("RR2", "L2", "round_robin");
        Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(),
                Files.createTempDirectory("bridge-hostile-servers-"));
        p.put("connections.alice.conflict-calendars", "Home");
        BridgeHarness.connection(p, "bob", "L2", "U2", "bob", "Team");
        p.put("connections.bob.highlevel-token", TestSecrets.HIGHLEVEL_TOKEN_2);
        p.put("sync.poll-interval", "1s");
        p.put("icloud.timeout", "3s");
        p.put("highlevel.timeout", "3s");
        bridge = BridgeHarness.start(p);
        sandbox.setWebhookTarget(bridge.webhookUrl());
    }

    @AfterEach
    void sandboxSawOnlyValidRequests() {
        proxy.behave();
        sandbox.faults().clear();
        sandbox.assertOnlyValidRequests();
    }

    @AfterAll
    void stop() throws Exception {
        bridge.close();
        sandbox.close();
        proxy.close();
        server.close();
    }

    ObjectNode book(String user, String title) throws Exception {
        String location = user.equals("U1") ? "L1" : "L2";
        int n = ++sequence;
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(3 + n % 20).toString();
        return sandbox.book(Map.of("calendarId", location.equals("L1") ? "RR1" : "RR2", "locationId", location,
                "assignedUserId", user, "startTime", day + "T" + String.format("%02d", 6 + n % 12) + ":00:00Z",
                "endTime", day + "T" + String.format("%02d", 6 + n % 12) + ":30:00Z", "title", title,
                "users", List.of()), true);
    }

    long eventsOf(URI calendar, String appointmentId) throws Exception {
        return server.events(calendar).values().stream().filter(ics -> ics.contains("X-HL-APPOINTMENT-ID:"
                + appointmentId)).count();
    }

    void awaitEvent(URI calendar, ObjectNode a, Duration within) throws Exception {
        Await.until(within, () -> eventsOf(calendar, a.get("id").asText()), n -> n == 1,
                "the event of " + a.get("title").asText());
    }

    /** A busy event written to iCloud the way a calendar app does, and the slot start HighLevel should get. */
    String putBusyEvent(URI calendar, String uid, int daysAhead, int hour) throws Exception {
        LocalDate d = LocalDate.now(ZoneOffset.UTC).plusDays(daysAhead);
        String start = UTC.format(d.atTime(hour, 0));
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20261101T120000Z\r\nDTSTART:" + start + "\r\nDTEND:" + UTC.format(d.atTime(hour, 45))
                + "\r\nSUMMARY:" + uid + "\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        int status = server.put(calendar.resolve(uid + ".ics"), ics);
        assertTrue(status == 201 || status == 204, "PUT " + uid + " -> " + status);
        return d.atTime(hour, 0).toInstant(ZoneOffset.UTC).toString();
    }

    void awaitSlot(String user, String start, Duration within) throws Exception {
        Await.until(within, () -> sandbox.blockedSlotTimes(user), slots -> slots.stream().anyMatch(s -> s.startsWith(start)),
                "a blocked slot of " + user + " at " + start);
    }

    @Test
    void aCalendarServerThatTricklesOneAppleIdsAnswersHoldsBackNobodyElse() throws Exception {
        ObjectNode bobs = book("U2", "Bob before the trickle");
        awaitEvent(bobTeam, bobs, NORMAL);
        proxy.misbehave(Misbehaviours.trickleTo("bob", 2)); // two bytes a second to bob, for every request
        long failedBefore = bridge.metrics().count(BridgeMetrics.POLLS, "failed");
        ObjectNode stuck = book("U2", "Bob during the trickle");
        Await.until(Duration.ofSeconds(30), () -> bridge.metrics().count(BridgeMetrics.POLLS, "failed"),
                n -> n > failedBefore, "bob's polls cut off at icloud.timeout");
        String slot = putBusyEvent(aliceWork, "alice-during-trickle", 5, 9);
        awaitSlot("U1", slot, NORMAL);
        for (int i = 0; i < 3; i++) {
            awaitEvent(aliceWork, book("U1", "Alice during the trickle " + i), NORMAL);
        }
        assertTrue(bridge.metrics().count(BridgeMetrics.POLLS, "failed") > failedBefore, "bob's polls were cut off");
        proxy.behave();
        awaitEvent(bobTeam, stuck, Duration.ofSeconds(60));
    }

    @Test
    void aHighLevelThatTricklesOneLocationHoldsBackNoOtherLocation() throws Exception {
        sandbox.faults().trickle("L2", 2);
        List<ObjectNode> bobs = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bobs.add(book("U2", "Bob's trickled " + i));
        }
        for (int i = 0; i < 5; i++) {
            awaitEvent(aliceWork, book("U1", "Alice beside the trickle " + i), NORMAL);
        }
        sandbox.faults().stopTrickling("L2");
        for (ObjectNode b : bobs) {
            awaitEvent(bobTeam, b, Duration.ofSeconds(90));
        }
    }

    @Test
    void aHugeAnswerFailsItsPollWithTheReasonAndTheNextPollWorks() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            proxy.misbehave(Misbehaviours.hugeMultistatusOnce("alice", 200L << 20));
            String during = putBusyEvent(aliceWork, "during-the-huge-answer", 6, 8); // a change: the poll lists it
            Await.until(NORMAL, () -> log.any("bytes taken (icloud.max-answer-size)"), ok -> ok,
                    "the poll that got 200 MB failed, saying why");
            awaitSlot("U1", during, NORMAL);
        }
        awaitSlot("U1", putBusyEvent(aliceWork, "after-the-huge-answer", 6, 10), NORMAL);
    }

    @Test
    void anAnswerAboutAnotherAppointmentIsNeverWrittenAndIsRetried() throws Exception {
        ObjectNode other = book("U1", "The other appointment");
        awaitEvent(aliceWork, other, NORMAL);
        String otherEvent = server.events(aliceWork).values().stream().filter(ics -> ics.contains(other.get("id")
                .asText())).findFirst().orElseThrow();
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                "startTime", "2027-01-11T09:00:00Z", "endTime", "2027-01-11T10:00:00Z", "title", "Asked for",
                "users", List.of()), false);
        sandbox.faults().swapAppointment(a.get("id").asText(), other.get("id").asText());
        long retried = bridge.metrics().count(BridgeMetrics.INBOX, "retried");
        sandbox.deliver(sandbox.webhook("AppointmentCreate", a));
        Await.until(NORMAL, () -> bridge.metrics().count(BridgeMetrics.INBOX, "retried"), n -> n >= retried + 2,
                "the answer about another appointment refused, twice");
        assertEquals(otherEvent.replaceAll("DTSTAMP:.*", ""), server.events(aliceWork).values().stream()
                .filter(ics -> ics.contains(other.get("id").asText())).findFirst().orElseThrow()
                .replaceAll("DTSTAMP:.*", ""), "the other appointment's event is left as it was");
        assertEquals(0, eventsOf(aliceWork, a.get("id").asText()));
        sandbox.faults().swapAppointment(a.get("id").asText(), a.get("id").asText());
        awaitEvent(aliceWork, a, Duration.ofSeconds(30));
    }

    @Test
    void aGarbledHighLevelAnswerOrAnInvalidRedirectIsRetriedNotParked() throws Exception {
        sandbox.faults().answerOnce("L1", new SandboxFaults.Canned("GET", "/calendars/events/appointments/", 200,
                List.of(), "text/html", "<html><body>Bad gateway</body></html>"));
        sandbox.faults().answerOnce("L1", new SandboxFaults.Canned("GET", "/calendars/events/appointments/", 200,
                List.of(), "application/json", "{\"event\":{\"id\":\"appt"));
        proxy.misbehave(Misbehaviours.invalidRedirectOnce("PUT"));
        ObjectNode a = book("U1", "Despite the garbage");
        awaitEvent(aliceWork, a, Duration.ofSeconds(30));
        assertEquals(0, bridge.inbox().countByStatus().get(InboxStore.Status.FAILED),
                "nothing parked as FAILED");
    }

    @Test
    void highLevelsRetryAfterOnA429IsHonouredByTheWholeLocation() throws Exception {
        sandbox.faults().answerOnce("L1", new SandboxFaults.Canned("GET", "/calendars/events/appointments/", 429,
                List.of("Retry-After", "12"), "application/json", "{\"statusCode\":429,\"message\":\"Too Many Requests\"}"));
        ObjectNode a = book("U1", "After the Retry-After");
        ObjectNode b = book("U1", "Also after it");
        awaitEvent(aliceWork, a, Duration.ofSeconds(30));
        awaitEvent(aliceWork, b, Duration.ofSeconds(30));
        long refused = sandbox.faults().lastCannedAt();
        List<Long> times = sandbox.requestTimes("L1");
        assertTrue(refused > 0 && times.stream().noneMatch(t -> t > refused + 50 && t < refused + 12_000),
                "no request of location L1 within the 12 s HighLevel asked for (more than the 5 s it would wait"
                        + " by itself): " + times.stream()
                        .map(t -> t - refused).filter(t -> t > -2_000).toList());
    }

    /**
     * The Home calendar's answers name resources of other calendars: an event of a calendar the connection does not
     * poll, and the bridge's own event in Work, served with moved times. Neither is fetched or believed.
     */
    @Test
    void onlyMembersOfThePolledCollectionCount() throws Exception {
        String elsewhere = putBusyEvent(aliceOther, "in-another-calendar", 7, 11);
        ObjectNode a = book("U1", "Not to be moved");
        awaitEvent(aliceWork, a, NORMAL);
        Map<String, String> work = server.events(aliceWork);
        String href = work.keySet().stream().filter(h -> work.get(h).contains(a.get("id").asText())).findFirst()
                .orElseThrow();
        String moved = work.get(href).replaceAll("DTSTART:\\d+T\\d+Z", "DTSTART:20270301T080000Z")
                .replaceAll("DTEND:\\d+T\\d+Z", "DTEND:20270301T090000Z");
        String ourEvent = URI.create(href).getPath();
        proxy.misbehave(Misbehaviours.foreignSyncHrefs(aliceHome.getPath(), List.of(ourEvent,
                aliceOther.getPath() + "in-another-calendar.ics", aliceHome.getPath() + "../other/in-another-calendar.ics",
                "http://elsewhere.example/x.ics")));
        proxy.misbehave(Misbehaviours.extraMultigetResource(aliceHome.getPath(), ourEvent, moved));
        String home = putBusyEvent(aliceHome, "home-event", 8, 12); // a change in Home makes its poll multiget
        awaitSlot("U1", home, NORMAL);
        bridge.awaitIdle("poll-apple-id", "poll-calendar"); // that poll's writes and moves are all made
        assertFalse(sandbox.blockedSlotTimes("U1").stream().anyMatch(s -> s.startsWith(elsewhere)),
                "no slot from a calendar the connection does not poll");
        assertEquals(a.get("startTime").asText(), sandbox.event(a.get("id").asText()).get("startTime").asText(),
                "data served for another calendar's href moves nothing");
    }

    @Test
    void anErrorBodyThatEchoesTheRequestIsLoggedShortAndRedacted() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            proxy.misbehave(Misbehaviours.echoingErrors());
            putBusyEvent(aliceWork, "while-errors-echo", 9, 8); // a change: the poll asks sync-collection
            Await.until(NORMAL, () -> log.any("answered 409"), ok -> ok, "a poll refused with 409");
            proxy.behave();
            List<String> lines = log.lines().stream().filter(l -> l.contains("answered 409")).toList();
            String basic = java.util.Base64.getEncoder().encodeToString(("alice:" + TestSecrets.APP_PASSWORD)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String line : lines) {
                assertFalse(line.contains(TestSecrets.APP_PASSWORD) || line.contains(basic), line);
                assertTrue(line.length() < 600, "short: " + line);
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("Basic ***")), lines.toString());
        }
    }
}
