package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.store.Database;
import io.hlbridge.store.StoreSettings;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.TestSecrets;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * routes/icloud-to-highlevel.camel.yaml and routes/highlevel-reconcile.camel.yaml end to end: events written into
 * a real CalDAV server the way a calendar app writes them become exactly the expected blocked slots in the
 * HighLevel sandbox. Dates are relative to today, so the suite means the same on any day it runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ICloudToHighLevelContract {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    CalDavServer server;
    HighLevelSandbox sandbox;
    BridgeHarness bridge;
    Map<String, String> properties;
    URI personal;
    URI west;
    URI edits;
    URI moves;
    URI resync;
    LocalDate base;

    abstract CalDavServer newServer();

    @BeforeAll
    void start() throws Exception {
        server = newServer().start();
        server.mkcalendar(CalDavServer.USER, "work", "Work");
        personal = server.mkcalendar(CalDavServer.USER, "personal", "Personal");
        west = server.mkcalendar("bob", "west", "West");
        edits = server.mkcalendar(CalDavServer.USER, "edits", "Edits");
        moves = server.mkcalendar(CalDavServer.USER, "moves", "Moves");
        resync = server.mkcalendar(CalDavServer.USER, "resync", "Resync");
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "America/New_York", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addCalendar("RR1", "L1", "round_robin");
        properties = BridgeHarness.properties(sandbox, server.baseUrl(),
                Files.createTempDirectory("bridge-import-" + server.name()));
        properties.put("connections.alice.conflict-calendars", "Personal");
        properties.put("connections.alice.time-zone", "Australia/Brisbane");
        BridgeHarness.connection(properties, "west", "L1", "U2", "bob", "West");
        properties.put("connections.west.time-zone", "Etc/GMT+8");
        BridgeHarness.connection(properties, "edits", "L1", "U3", CalDavServer.USER, "Edits");
        BridgeHarness.connection(properties, "moves", "L1", "U4", CalDavServer.USER, "Moves");
        BridgeHarness.connection(properties, "resync", "L1", "U6", CalDavServer.USER, "Resync");
        pollFast(properties);
        bridge = BridgeHarness.start(properties);
        sandbox.setWebhookTarget(bridge.webhookUrl());
        base = LocalDate.now(NEW_YORK).plusDays(7);
    }

    static void pollFast(Map<String, String> p) {
        p.put("sync.poll-interval", "1s");
        p.put("sync.reconcile-interval", "3s");
        p.put("sync.window.future-days", "250"); // always holds the next DST change of New York
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

    // ---- events as Apple's Calendar writes them: a VTIMEZONE, TRANSP on timed events, none on all-day ones -----

    static String appleCalendar(String... vevents) {
        StringBuilder b = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\n"
                + "CALSCALE:GREGORIAN\r\n");
        b.append(TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone("America/New_York").getVTimeZone()
                .toString());
        for (String e : vevents) {
            b.append("BEGIN:VEVENT\r\nCREATED:20261101T120000Z\r\nDTSTAMP:20261101T120000Z\r\nLAST-MODIFIED:20261101T120000Z\r\n"
                    + "SEQUENCE:0\r\n").append(e.strip().replace("\n", "\r\n")).append("\r\nEND:VEVENT\r\n");
        }
        return b.append("END:VCALENDAR\r\n").toString();
    }

    static String ny(LocalDate d, int hour, int minute) {
        return "TZID=America/New_York:" + LOCAL.format(d.atTime(hour, minute));
    }

    static Instant at(LocalDate d, int hour, int minute) {
        return ZonedDateTime.of(d, LocalTime.of(hour, minute), NEW_YORK).toInstant();
    }

    static String slot(Instant start, Instant end) {
        return start + "/" + end;
    }

    @Test
    void calendarScopedSlotsCarryTheICloudTitleAndACreateCutShortByACrashIsAdoptedNotDuplicated() throws Exception {
        URI scoped = server.mkcalendar(CalDavServer.USER, "scoped", "Scoped");
        Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                Files.createTempDirectory("bridge-scoped-" + server.name()));
        p.keySet().removeIf(k -> k.startsWith("connections."));
        BridgeHarness.connection(p, "scoped", "L1", "U8", CalDavServer.USER, "Work");
        p.put("connections.scoped.conflict-calendars", "Scoped");
        p.put("connections.scoped.calendar-id", "RR1");
        p.put("sync.blocked-slot-scope", "calendar");
        p.put("sync.blocked-slot-title", "{summary}");
        pollFast(p);
        LocalDate d = base.plusDays(40);
        put(scoped, "scoped-1", appleCalendar("UID:scoped-1\nDTSTART;" + ny(d, 9, 0) + "\nDTEND;" + ny(d, 10, 0)
                + "\nSUMMARY:Physio\nTRANSP:OPAQUE"));
        String slotId;
        try (BridgeHarness first = BridgeHarness.start(p)) {
            ObjectNode slot = Await.until(WAIT, () -> sandbox.blockedSlots("RR1"), l -> l.size() == 1,
                    "one slot on calendar RR1").get(0);
            assertEquals("Physio", slot.path("title").asText(), "{summary}");
            assertEquals("", slot.path("assignedUserId").asText(""), "calendar scope, no user: " + slot);
            assertEquals(slot(at(d, 9, 0), at(d, 10, 0)), slotsOf("RR1").get(0));
            slotId = slot.get("id").asText();
        }
        // What a crash between the POST and its record leaves: the slot made in HighLevel, its row without the id,
        // and neither the resource nor the sync token committed (the poll never finished).
        try (Database db = new Database(new StoreSettings(p.get("bridge.db.url"), null, null, 2));
                var c = db.connection(); var st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("UPDATE blocked_slot SET slot_id = NULL WHERE connection_name = 'scoped'"));
            st.executeUpdate("DELETE FROM icloud_resource WHERE connection_name = 'scoped'");
            st.executeUpdate("DELETE FROM calendar_state WHERE connection_name = 'scoped'");
        }
        long posts = sandbox.requests().stream().filter(r -> r.equals("POST /calendars/events/block-slots")).count();
        try (BridgeHarness restarted = BridgeHarness.start(p)) {
            Await.until(WAIT, () -> {
                try (var c = restarted.database().connection(); var rs = c.createStatement().executeQuery(
                        "SELECT slot_id FROM blocked_slot WHERE connection_name = 'scoped'")) {
                    return rs.next() ? String.valueOf(rs.getString(1)) : "no row";
                }
            }, slotId::equals, "the row adopting slot " + slotId);
        }
        assertEquals(List.of(slotId), sandbox.blockedSlots("RR1").stream().map(b -> b.get("id").asText()).toList(),
                "the same slot, not a second one");
        assertEquals(posts, sandbox.requests().stream().filter(r -> r.equals("POST /calendars/events/block-slots"))
                .count(), "no POST after the restart");
    }

    /**
     * A bridge started from another working folder opens a new, empty store (./data there). The busy time it finds
     * is already in HighLevel, made by the first store: it adopts those slots instead of posting each one again.
     */
    @Test
    void aNewStoreAdoptsTheSlotsHighLevelAlreadyHoldsInsteadOfPostingThemAgain() throws Exception {
        URI elsewhere = server.mkcalendar(CalDavServer.USER, "elsewhere", "Elsewhere");
        LocalDate d = base.plusDays(50);
        put(elsewhere, "elsewhere-1", appleCalendar("UID:elsewhere-1\nDTSTART;" + ny(d, 9, 0) + "\nDTEND;"
                + ny(d, 10, 0) + "\nSUMMARY:Dentist\nTRANSP:OPAQUE"));
        put(elsewhere, "elsewhere-2", appleCalendar("UID:elsewhere-2\nDTSTART;" + ny(d, 11, 0) + "\nDTEND;"
                + ny(d, 12, 0) + "\nSUMMARY:Gym\nTRANSP:OPAQUE\nRRULE:FREQ=DAILY;COUNT=3"));
        List<String> expected = List.of(slot(at(d, 9, 0), at(d, 10, 0)), slot(at(d, 11, 0), at(d, 12, 0)),
                slot(at(d.plusDays(1), 11, 0), at(d.plusDays(1), 12, 0)),
                slot(at(d.plusDays(2), 11, 0), at(d.plusDays(2), 12, 0)));
        for (String folder : List.of("first-folder", "second-folder")) {
            Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                    Files.createTempDirectory("bridge-" + folder + "-" + server.name()));
            p.keySet().removeIf(k -> k.startsWith("connections."));
            BridgeHarness.connection(p, "elsewhere", "L1", "U9", CalDavServer.USER, "Elsewhere");
            pollFast(p);
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                awaitSlots("U9", expected);
                Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.POLLS, "changed"), n -> n >= 1,
                        "the first poll of " + folder + " done");
                if (folder.equals("second-folder")) {
                    assertEquals(4, bridge.metrics().count(BridgeMetrics.SLOTS, "adopted"), "all four adopted");
                    assertEquals(0, bridge.metrics().count(BridgeMetrics.SLOTS, "created"), "none posted again");
                }
            }
        }
        assertEquals(expected, slotsOf("U9"), "still one slot per busy occurrence");
    }

    URI put(URI calendar, String uid, String ics) throws Exception {
        URI href = calendar.resolve(uid + ".ics");
        int status = server.put(href, ics);
        assertTrue(status == 201 || status == 204, "PUT " + href + " -> " + status);
        return href;
    }

    List<String> slotsOf(String user) {
        return sandbox.blockedSlotTimes(user);
    }

    List<String> awaitSlots(String user, List<String> expected) throws Exception {
        List<String> sorted = expected.stream().sorted().toList();
        return Await.until(WAIT, () -> slotsOf(user), sorted::equals, "blocked slots of " + user + " = " + sorted);
    }

    // ---- tests --------------------------------------------------------------------------------------------------

    @Test
    void everyCalendarCaseBecomesExactlyTheExpectedBlockedSlots() throws Exception {
        LocalDate d = base;
        ZonedDateTime dst = sandboxDstChange();
        LocalDate t = dst.toLocalDate();
        List<String> expected = new ArrayList<>();

        put(personal, "timed", appleCalendar("UID:timed\nDTSTART;" + ny(d, 9, 0) + "\nDTEND;" + ny(d, 10, 0)
                + "\nSUMMARY:Dentist\nTRANSP:OPAQUE"));
        expected.add(slot(at(d, 9, 0), at(d, 10, 0)));

        // all-day, busy (OPAQUE), in alice's zone UTC+10
        put(personal, "allday", appleCalendar("UID:allday\nDTSTART;VALUE=DATE:" + DATE.format(d.plusDays(1))
                + "\nDTEND;VALUE=DATE:" + DATE.format(d.plusDays(2)) + "\nSUMMARY:Offsite\nTRANSP:OPAQUE"));
        ZoneId brisbane = ZoneId.of("Australia/Brisbane");
        expected.add(slot(d.plusDays(1).atStartOfDay(brisbane).toInstant(), d.plusDays(2).atStartOfDay(brisbane).toInstant()));
        // all-day as Apple writes it (no TRANSP): free
        put(personal, "allday-free", appleCalendar("UID:allday-free\nDTSTART;VALUE=DATE:" + DATE.format(d)
                + "\nDTEND;VALUE=DATE:" + DATE.format(d.plusDays(1)) + "\nSUMMARY:Birthday"));

        put(personal, "multiday", appleCalendar("UID:multiday\nDTSTART;" + ny(d.plusDays(2), 12, 0) + "\nDTEND;"
                + ny(d.plusDays(4), 16, 0) + "\nSUMMARY:Conference\nTRANSP:OPAQUE"));
        expected.add(slot(at(d.plusDays(2), 12, 0), at(d.plusDays(4), 16, 0)));

        // weekly series: the 2nd occurrence deleted (EXDATE), the 3rd moved to the next day at 15:00
        put(personal, "weekly", appleCalendar("UID:weekly\nDTSTART;" + ny(d, 10, 0) + "\nDTEND;" + ny(d, 11, 0)
                + "\nRRULE:FREQ=WEEKLY;COUNT=4\nEXDATE;" + ny(d.plusWeeks(1), 10, 0) + "\nSUMMARY:1:1\nTRANSP:OPAQUE",
                "UID:weekly\nRECURRENCE-ID;" + ny(d.plusWeeks(2), 10, 0) + "\nDTSTART;" + ny(d.plusWeeks(2).plusDays(1), 15, 0)
                        + "\nDTEND;" + ny(d.plusWeeks(2).plusDays(1), 16, 0) + "\nSUMMARY:1:1 (moved)\nTRANSP:OPAQUE"));
        expected.add(slot(at(d, 10, 0), at(d, 11, 0)));
        expected.add(slot(at(d.plusWeeks(2).plusDays(1), 15, 0), at(d.plusWeeks(2).plusDays(1), 16, 0)));
        expected.add(slot(at(d.plusWeeks(3), 10, 0), at(d.plusWeeks(3), 11, 0)));

        // daily at 07:15 New York time across the next DST change: the wall-clock time holds
        put(personal, "daily-dst", appleCalendar("UID:daily-dst\nDTSTART;" + ny(t.minusDays(2), 7, 15) + "\nDTEND;"
                + ny(t.minusDays(2), 7, 45) + "\nRRULE:FREQ=DAILY;COUNT=5\nSUMMARY:Standup\nTRANSP:OPAQUE"));
        for (int i = -2; i <= 2; i++) {
            expected.add(slot(at(t.plusDays(i), 7, 15), at(t.plusDays(i), 7, 45)));
        }

        // "this and future" edit from the 3rd occurrence on: 13:00-13:30 instead of 08:00-09:00
        put(personal, "split", appleCalendar("UID:split\nDTSTART;" + ny(d.plusDays(1), 8, 0) + "\nDTEND;"
                + ny(d.plusDays(1), 9, 0) + "\nRRULE:FREQ=WEEKLY;COUNT=4\nSUMMARY:Review\nTRANSP:OPAQUE",
                "UID:split\nRECURRENCE-ID;RANGE=THISANDFUTURE;" + ny(d.plusDays(1).plusWeeks(2), 8, 0) + "\nDTSTART;"
                        + ny(d.plusDays(1).plusWeeks(2), 13, 0) + "\nDTEND;" + ny(d.plusDays(1).plusWeeks(2), 13, 30)
                        + "\nSUMMARY:Review\nTRANSP:OPAQUE"));
        expected.add(slot(at(d.plusDays(1), 8, 0), at(d.plusDays(1), 9, 0)));
        expected.add(slot(at(d.plusDays(1).plusWeeks(1), 8, 0), at(d.plusDays(1).plusWeeks(1), 9, 0)));
        expected.add(slot(at(d.plusDays(1).plusWeeks(2), 13, 0), at(d.plusDays(1).plusWeeks(2), 13, 30)));
        expected.add(slot(at(d.plusDays(1).plusWeeks(3), 13, 0), at(d.plusDays(1).plusWeeks(3), 13, 30)));

        // free time: transparent, cancelled, declined invitation
        put(personal, "transparent", appleCalendar("UID:transparent\nDTSTART;" + ny(d, 14, 0) + "\nDTEND;"
                + ny(d, 15, 0) + "\nSUMMARY:Maybe\nTRANSP:TRANSPARENT"));
        put(personal, "cancelled", appleCalendar("UID:cancelled\nDTSTART;" + ny(d, 16, 0) + "\nDTEND;" + ny(d, 17, 0)
                + "\nSUMMARY:Called off\nSTATUS:CANCELLED\nTRANSP:OPAQUE"));
        put(personal, "declined", appleCalendar("UID:declined\nDTSTART;" + ny(d, 18, 0) + "\nDTEND;" + ny(d, 19, 0)
                + "\nSUMMARY:Party\nTRANSP:OPAQUE\nORGANIZER;CN=Boss:mailto:boss@example.com\n"
                + "ATTENDEE;CN=Alice;PARTSTAT=DECLINED:mailto:" + CalDavServer.USER));

        awaitSlots("U1", expected);

        // all-day, busy, for a user in UTC-8
        put(west, "west-allday", appleCalendar("UID:west-allday\nDTSTART;VALUE=DATE:" + DATE.format(d)
                + "\nDTEND;VALUE=DATE:" + DATE.format(d.plusDays(1)) + "\nSUMMARY:Holiday\nTRANSP:OPAQUE"));
        awaitSlots("U2", List.of(slot(d.atStartOfDay(ZoneOffset.ofHours(-8)).toInstant(),
                d.plusDays(1).atStartOfDay(ZoneOffset.ofHours(-8)).toInstant())));
        assertTrue(sandbox.blockedSlots("U1").stream().allMatch(b -> b.get("title").asText().equals("Busy")),
                "titles are Busy by default (R10)");
    }

    /** The next DST change of New York at least three days from now. */
    static ZonedDateTime sandboxDstChange() {
        return NEW_YORK.getRules().nextTransition(Instant.now().plus(Duration.ofDays(3))).getInstant().atZone(NEW_YORK);
    }

    @Test
    void editsInICloudMoveAndRemoveSlotsAndDeletionsAreIgnored() throws Exception {
        LocalDate d = base.plusDays(3);
        String uid = "edit-" + UUID.randomUUID();
        String event = "UID:" + uid + "\nDTSTART;" + ny(d, 9, 0) + "\nDTEND;" + ny(d, 10, 0) + "\nSUMMARY:Call\n";
        put(edits, uid, appleCalendar(event + "TRANSP:OPAQUE"));
        awaitSlots("U3", List.of(slot(at(d, 9, 0), at(d, 10, 0))));
        String slotId = sandbox.blockedSlots("U3").get(0).get("id").asText();

        put(edits, uid, appleCalendar(event.replace(ny(d, 9, 0), ny(d, 11, 0)).replace(ny(d, 10, 0), ny(d, 12, 30))
                + "TRANSP:OPAQUE"));
        awaitSlots("U3", List.of(slot(at(d, 11, 0), at(d, 12, 30))));
        assertEquals(slotId, sandbox.blockedSlots("U3").get(0).get("id").asText(), "the same slot moved");

        put(edits, uid, appleCalendar(event + "TRANSP:TRANSPARENT"));
        awaitSlots("U3", List.of());

        String gone = "gone-" + UUID.randomUUID();
        URI goneHref = put(edits, gone, appleCalendar("UID:" + gone + "\nDTSTART;" + ny(d, 15, 0) + "\nDTEND;"
                + ny(d, 16, 0) + "\nSUMMARY:Lunch\nTRANSP:OPAQUE"));
        awaitSlots("U3", List.of(slot(at(d, 15, 0), at(d, 16, 0))));
        long deletionsSeen = bridge.metrics().count(BridgeMetrics.DELETIONS_IGNORED);
        int deleted = server.send("DELETE", goneHref, null, Map.of()).statusCode();
        assertTrue(deleted == 200 || deleted == 204, "DELETE -> " + deleted);
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.DELETIONS_IGNORED), n -> n > deletionsSeen,
                "the deletion to be seen");
        assertEquals(List.of(slot(at(d, 15, 0), at(d, 16, 0))), slotsOf("U3"), "sync.icloud-deletions=ignore keeps it");
    }

    @Test
    void propagatedDeletionsRemoveSlotsAndTheGuardStopsMassDeletion() throws Exception {
        URI calendar = server.mkcalendar(CalDavServer.USER, "propagate", "Propagate");
        Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                Files.createTempDirectory("bridge-propagate-" + server.name()));
        p.keySet().removeIf(k -> k.startsWith("connections.alice."));
        BridgeHarness.connection(p, "prop", "L1", "U5", CalDavServer.USER, "Propagate");
        pollFast(p);
        p.put("sync.icloud-deletions", "propagate");
        p.put("sync.max-deletions-per-poll", "3");
        try (BridgeHarness second = BridgeHarness.start(p)) {
            LocalDate d = base.plusDays(5);
            List<URI> hrefs = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String uid = "prop-" + i;
                hrefs.add(put(calendar, uid, appleCalendar("UID:" + uid + "\nDTSTART;" + ny(d, 8 + i, 0) + "\nDTEND;"
                        + ny(d, 8 + i, 30) + "\nSUMMARY:Slot " + i + "\nTRANSP:OPAQUE")));
                expected.add(slot(at(d, 8 + i, 0), at(d, 8 + i, 30)));
            }
            awaitSlots("U5", expected);
            server.send("DELETE", hrefs.get(0), null, Map.of());
            expected.remove(0);
            awaitSlots("U5", expected);

            for (URI h : hrefs.subList(1, 5)) {
                server.send("DELETE", h, null, Map.of());
            }
            Await.until(WAIT, () -> second.metrics().count(BridgeMetrics.DELETIONS_REFUSED), n -> n >= 2,
                    "the deletion guard to refuse two polls");
            assertEquals(expected.stream().sorted().toList(), slotsOf("U5"), "no slot deleted past the guard");
        }
    }

    @Test
    void movingOurEventInICloudMovesTheAppointmentAndNothingComesBack() throws Exception {
        LocalDate d = base.plusDays(2);
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U4",
                "startTime", at(d, 9, 0).toString(), "endTime", at(d, 10, 0).toString(), "title", "Consultation"), true);
        String id = a.get("id").asText();
        Map<String, String> written = Await.until(WAIT, () -> server.events(moves), m -> m.size() == 1,
                "the appointment in the Moves calendar");
        URI href = URI.create(written.keySet().iterator().next());
        String ics = written.values().iterator().next();
        long unchangedBefore = bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "unchanged");
        long putsBefore = bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put");

        String moved = ics.replace("DTSTART:" + utc(at(d, 9, 0)), "DTSTART:" + utc(at(d, 14, 0)))
                .replace("DTEND:" + utc(at(d, 10, 0)), "DTEND:" + utc(at(d, 15, 30)))
                .replaceFirst("(?m)^DTSTAMP:.*$", "DTSTAMP:" + utc(Instant.now()));
        assertTrue(moved.contains("DTSTART:" + utc(at(d, 14, 0))), moved);
        int status = server.send("PUT", href, moved, Map.of("Content-Type", "text/calendar")).statusCode();
        assertTrue(status == 201 || status == 204, "PUT -> " + status);
        String etagAfterEdit = server.etag(href);

        Await.until(WAIT, () -> sandbox.event(id), e -> e.get("startTime").asText().startsWith(
                at(d, 14, 0).toString().replace("Z", "")), "the appointment to move to 14:00 New York");
        assertEquals(at(d, 15, 30), Instant.parse(sandbox.event(id).get("endTime").asText()));
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "unchanged"), n -> n > unchangedBefore,
                "HighLevel's webhook for the move to be processed");
        assertEquals(putsBefore, bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put"), "no second iCloud write");
        assertEquals(etagAfterEdit, server.etag(href), "the iCloud event is left as the user edited it");
        assertEquals(List.of(), slotsOf("U4"), "our own events never become blocked slots");
    }

    static String utc(Instant i) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(i);
    }

    @Test
    void aQuietPollMakesNoHighLevelRequest() throws Exception {
        awaitQuiet();
        sandbox.clearRequests();
        long polls = bridge.metrics().count(BridgeMetrics.POLLS_STARTED);
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.POLLS_STARTED), n -> n >= polls + 15, "three rounds of polls");
        List<String> requests = sandbox.requests().stream().filter(r -> !r.startsWith("GET /calendars/events")).toList();
        assertEquals(List.of(), requests, "HighLevel requests during unchanged polls (reconciliation reads aside)");
    }

    /** Waits until two rounds of polls, all ended, saw no change. */
    void awaitQuiet() throws Exception {
        Await.until(WAIT, () -> {
            long changed = bridge.metrics().count(BridgeMetrics.POLLS, "changed");
            long polls = bridge.metrics().count(BridgeMetrics.POLLS_STARTED);
            BridgeHarness.await(bridge.exchanges("icloud-to-highlevel", 2));
            bridge.awaitIdle("poll-apple-id", "poll-calendar");
            return changed == bridge.metrics().count(BridgeMetrics.POLLS, "changed")
                    && bridge.metrics().count(BridgeMetrics.POLLS_STARTED) > polls;
        }, q -> q, "polls without changes");
    }

    @Test
    void anInvalidSyncTokenMeansAFullResyncWithoutDuplicates() throws Exception {
        LocalDate d = base.plusDays(9);
        put(resync, "resync", appleCalendar("UID:resync\nDTSTART;" + ny(d, 9, 0) + "\nDTEND;" + ny(d, 9, 45)
                + "\nSUMMARY:Resync\nTRANSP:OPAQUE"));
        awaitSlots("U6", List.of(slot(at(d, 9, 0), at(d, 9, 45))));
        awaitQuiet();
        long invalid = bridge.metrics().count(BridgeMetrics.TOKEN_REFUSED);
        Database db = bridge.context().getRegistry().lookupByNameAndType("bridgeDatabase", Database.class);
        try (java.sql.Connection c = db.connection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "UPDATE calendar_state SET sync_token = ? WHERE connection_name = 'resync' AND calendar_url = ?")) {
            ps.setString(1, "http://radicale.org/ns/sync/0000000000000000000000000000000000000000");
            ps.setString(2, resync.toString());
            assertEquals(1, ps.executeUpdate());
        }
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.TOKEN_REFUSED), n -> n > invalid, "the token to be refused");
        awaitQuiet();
        assertEquals(List.of(slot(at(d, 9, 0), at(d, 9, 45))), slotsOf("U6"),
                "a full resync creates nothing twice and loses nothing");
    }

    @Test
    void anAppointmentWhoseWebhookNeverCameReachesICloudByReconciliation() throws Exception {
        LocalDate d = base.plusDays(4);
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                "contactId", "contact9", "startTime", at(d, 16, 0).toString(), "endTime", at(d, 17, 0).toString(),
                "title", "Lost webhook"), false);
        URI work = server.baseUrl().resolve(server.homePath(CalDavServer.USER) + "work/");
        Await.until(WAIT, () -> server.events(work).values().stream().filter(ics -> ics.contains(
                "X-HL-APPOINTMENT-ID:" + a.get("id").asText())).count(), n -> n == 1, "the appointment in iCloud");
        assertTrue(bridge.metrics().count(BridgeMetrics.RECONCILE, "enqueued") >= 1);
    }
}
