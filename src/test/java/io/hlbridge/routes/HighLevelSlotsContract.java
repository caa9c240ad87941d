package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * routes/copy-highlevel-slots.camel.yaml end to end (#25): blocked slots a user makes in HighLevel (the sandbox, not the
 * bridge) become busy events in their linked calendar on a real CalDAV server, follow every change, vanish with the
 * slot, come back when edited in iCloud, and never echo either way. Slots are read every second here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HighLevelSlotsContract {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Pattern DTSTART = Pattern.compile("DTSTART[^:\\r\\n]*:([^\\r\\n]+)");

    CalDavServer server;
    HighLevelSandbox sandbox;
    BridgeHarness bridge;
    URI work;
    URI personal;
    URI mass;
    URI teamOne;
    URI teamTwo;
    URI faulty;

    abstract CalDavServer newServer();

    @BeforeAll
    void start() throws Exception {
        server = newServer().start();
        work = server.mkcalendar(CalDavServer.USER, "work", "Work");
        personal = server.mkcalendar(CalDavServer.USER, "personal", "Personal");
        mass = server.mkcalendar(CalDavServer.USER, "mass", "Mass");
        teamOne = server.mkcalendar(CalDavServer.USER, "team-one", "Team one");
        teamTwo = server.mkcalendar(CalDavServer.USER, "team-two", "Team two");
        faulty = server.mkcalendar(CalDavServer.USER, "faulty", "Faulty");
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "America/New_York", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addLocation("L2", "America/New_York", "pit-L2"); // its own location: its faults are its own
        Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                Files.createTempDirectory("bridge-hl-slots-" + server.name()));
        p.put("connections.alice.conflict-calendars", "Personal");
        BridgeHarness.connection(p, "mass", "L1", "U2", CalDavServer.USER, "Mass");
        BridgeHarness.connection(p, "one", "L1", "U3", CalDavServer.USER, "Team one");
        BridgeHarness.connection(p, "two", "L1", "U4", CalDavServer.USER, "Team two");
        BridgeHarness.connection(p, "faulty", "L2", "U5", CalDavServer.USER, "Faulty");
        p.put("connections.faulty.highlevel-token", "pit-L2");
        sandbox.addCalendar("RR1", "L1", "round_robin");
        sandbox.addTeamMember("RR1", "U3");
        sandbox.addTeamMember("RR1", "U4");
        p.put("sync.highlevel-blocked-slots", "busy");
        p.put("sync.highlevel-slot-title", "{title}");
        p.put("sync.blocked-slots-interval", "1s");
        p.put("sync.poll-interval", "1s");
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

    static Instant at(LocalDate d, int hour) {
        return ZonedDateTime.of(d, LocalTime.of(hour, 0), NEW_YORK).toInstant();
    }

    /** The busy events the bridge keeps for slots in {@code calendar}: slot id → iCalendar text. */
    Map<String, String> copies(URI calendar) throws Exception {
        Map<String, String> copies = new java.util.TreeMap<>();
        for (String ics : server.events(calendar).values()) {
            Matcher m = Pattern.compile("X-HL-BLOCKED-SLOT-ID:([^\\r\\n]+)").matcher(ics);
            if (m.find()) {
                copies.put(m.group(1), ics);
            }
        }
        return copies;
    }

    static String start(String ics) {
        Matcher m = DTSTART.matcher(ics);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void aSlotMadeInHighLevelIsKeptAsABusyEventAndNeverEchoes() throws Exception {
        LocalDate day = LocalDate.now(NEW_YORK).plusDays(5);
        String id = sandbox.blockTime("L1", "U1", "Team offsite", at(day, 9), at(day, 12));
        String copy = Await.until(WAIT, () -> copies(work).getOrDefault(id, ""), ics -> !ics.isEmpty(),
                "the slot's busy event in Work");
        assertTrue(copy.contains("SUMMARY:Team offsite"), copy);
        assertTrue(copy.contains("TRANSP:OPAQUE"), copy);
        assertEquals(at(day, 9).toString().replace("-", "").replace(":", ""), start(copy));
        assertFalse(copy.contains("ORGANIZER") || copy.contains("ATTENDEE"), "no invitation is ever sent: " + copy);

        // moved and retitled in HighLevel: the event follows
        sandbox.changeBlockedTime(id, "Offsite (moved)", at(day.plusDays(1), 13), at(day.plusDays(1), 15));
        Await.until(WAIT, () -> copies(work).getOrDefault(id, ""), ics -> ics.contains("SUMMARY:Offsite (moved)")
                && start(ics).equals(at(day.plusDays(1), 13).toString().replace("-", "").replace(":", "")),
                "the event moved and retitled");

        // edited in iCloud: HighLevel owns it, the next read puts it back
        String href = server.events(work).entrySet().stream().filter(e -> e.getValue().contains(id)).findFirst()
                .orElseThrow().getKey();
        assertEquals(204 / 100, server.put(URI.create(href), copies(work).get(id).replace("SUMMARY:Offsite (moved)",
                "SUMMARY:Mine now")) / 100);
        Await.until(WAIT, () -> copies(work).getOrDefault(id, ""), ics -> ics.contains("SUMMARY:Offsite (moved)"),
                "the iCloud edit undone");

        // an all-day slot is written as one
        Instant midnight = day.plusDays(2).atStartOfDay(NEW_YORK).toInstant();
        String allDay = sandbox.blockTime("L1", "U1", "Holiday", midnight, midnight.plus(1, ChronoUnit.DAYS));
        String allDayCopy = Await.until(WAIT, () -> copies(work).getOrDefault(allDay, ""), ics -> !ics.isEmpty(),
                "the all-day slot's event");
        assertTrue(allDayCopy.contains("DTSTART;VALUE=DATE:" + day.plusDays(2).toString().replace("-", "")),
                allDayCopy);

        // an iCloud event becomes a blocked slot the bridge made: that slot never comes back as an event
        assertEquals(2, server.put(personal.resolve("dentist.ics"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"
                + "-//Apple Inc.//iOS 18//EN\r\nBEGIN:VEVENT\r\nUID:dentist\r\nDTSTAMP:20261201T120000Z\r\nDTSTART:"
                + at(day, 15).toString().replace("-", "").replace(":", "") + "\r\nDTEND:" + at(day, 16).toString()
                .replace("-", "").replace(":", "") + "\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n") / 100);
        Await.until(WAIT, () -> sandbox.blockedSlots("U1").size(), n -> n == 3, "the Dentist slot beside the two");
        long reads = slotReads();
        Await.until(WAIT, this::slotReads, n -> n >= reads + 6, "three more reads of each user's slots");
        assertEquals(List.of(allDay, id).stream().sorted().toList(), List.copyOf(copies(work).keySet()),
                "only HighLevel's own slots have events");
        assertEquals(3, sandbox.blockedSlots("U1").size(), "and the busy events never became slots");

        // deleted in HighLevel: the event goes
        sandbox.unblockTime(id);
        Await.until(WAIT, () -> copies(work).keySet(), ids -> !ids.contains(id), "the event gone with its slot");
        assertTrue(copies(work).containsKey(allDay));
    }

    @Test
    void aSlotOfAWholeCalendarBlocksEachMemberOfItsTeam() throws Exception {
        LocalDate day = LocalDate.now(NEW_YORK).plusDays(4);
        String id = sandbox.blockCalendarTime("L1", "RR1", "Team training", at(day, 10), at(day, 11));
        for (URI calendar : List.of(teamOne, teamTwo)) {
            Await.until(WAIT, () -> copies(calendar).keySet(), ids -> ids.equals(java.util.Set.of(id)),
                    "the calendar's slot as a busy event of each team member");
        }
        sandbox.unblockTime(id);
        for (URI calendar : List.of(teamOne, teamTwo)) {
            Await.until(WAIT, () -> copies(calendar).keySet(), java.util.Set::isEmpty, "gone for both");
        }
    }

    @Test
    void aReadThatFailsDeletesNothing() throws Exception {
        LocalDate day = LocalDate.now(NEW_YORK).plusDays(6);
        String id = sandbox.blockTime("L2", "U5", "Kept", at(day, 9), at(day, 10));
        Await.until(WAIT, () -> copies(faulty).keySet(), ids -> ids.equals(java.util.Set.of(id)), "the copy");
        long created = bridge.metrics().count(BridgeMetrics.SLOT_COPIES, "created");
        long deleted = bridge.metrics().count(BridgeMetrics.SLOT_COPIES, "deleted");
        for (int status : new int[] {429, 500, 503}) {
            sandbox.faults().answerOnce("L2", new io.hlbridge.sandbox.SandboxFaults.Canned("GET",
                    "/calendars/blocked-slots", status, status == 429 ? List.of("Retry-After", "1") : List.of(),
                    "application/json", "{\"statusCode\":" + status + ",\"message\":\"not now\"}"));
        }
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.SLOT_COPIES, "failed"), n -> n >= 1,
                "a failed read");
        long reads = slotReads();
        Await.until(WAIT, this::slotReads, n -> n >= reads + 4, "good reads after the faults");
        assertEquals(java.util.Set.of(id), copies(faulty).keySet(), "the copy stayed");
        assertEquals(deleted, bridge.metrics().count(BridgeMetrics.SLOT_COPIES, "deleted"), "nothing deleted");
        assertEquals(created, bridge.metrics().count(BridgeMetrics.SLOT_COPIES, "created"), "nothing made again");
    }

    @Test
    void manySlotsGoneAtOnceTripTheGuardAndNothingIsDeleted() throws Exception {
        LocalDate day = LocalDate.now(NEW_YORK).plusDays(10);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant s = at(day.plusDays(i / 10), 8).plus(i % 10, ChronoUnit.HOURS);
            ids.add(sandbox.blockTime("L1", "U2", "Block " + i, s, s.plus(30, ChronoUnit.MINUTES)));
        }
        Await.until(Duration.ofSeconds(120), () -> copyCount(mass), n -> n == 200, "200 busy events in Mass");
        long refusedBefore = bridge.metrics().count(BridgeMetrics.SLOT_COPIES, "deletions-refused");
        ids.forEach(sandbox::unblockTime);
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.SLOT_COPIES, "deletions-refused"),
                n -> n > refusedBefore + 1, "the guard refusing the deletions twice");
        assertEquals(200, copyCount(mass), "none deleted");
    }

    /** How many times the sandbox was asked for blocked slots. */
    long slotReads() {
        return sandbox.requests().stream().filter(r -> r.endsWith("/calendars/blocked-slots")).count();
    }

    /** How many of the bridge's slot events the calendar holds (listed, not read). */
    long copyCount(URI calendar) throws Exception {
        String body = server.send("PROPFIND", calendar, "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind"
                + " xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>", Map.of("Depth", "1",
                "Content-Type", "application/xml")).body();
        return Pattern.compile("hl-slot-[A-Za-z0-9]+\\.ics</").matcher(body).results().count();
    }

    @Test
    void withTheDefaultNoBlockedSlotIsReadOrWritten() throws Exception {
        URI quiet = server.mkcalendar(CalDavServer.USER, "quiet", "Quiet");
        try (HighLevelSandbox own = new HighLevelSandbox()) {
            own.addLocation("L1", "America/New_York", TestSecrets.HIGHLEVEL_TOKEN);
            Map<String, String> p = BridgeHarness.properties(own, server.baseUrl(),
                    Files.createTempDirectory("bridge-hl-slots-off-" + server.name()));
            p.put("connections.alice.linked-calendar", "Quiet");
            p.put("sync.poll-interval", "1s");
            p.put("sync.blocked-slots-interval", "1s");
            LocalDate day = LocalDate.now(NEW_YORK).plusDays(3);
            own.blockTime("L1", "U1", "Not for iCloud", at(day, 9), at(day, 10));
            try (BridgeHarness off = BridgeHarness.start(p)) {
                BridgeHarness.await(off.exchanges("poll-apple-id", 4));
            }
            assertEquals(0, copyCount(quiet));
            assertTrue(own.requests().stream().noneMatch(r -> r.contains("/calendars/blocked-slots")),
                    own.requests().toString());
            own.assertOnlyValidRequests();
        }
    }
}
