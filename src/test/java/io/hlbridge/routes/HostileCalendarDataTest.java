package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.Misbehaviours;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calendar data anyone who can invite the user can put in their calendar, written to Radicale as a calendar app
 * would: series that repeat every second or minute, or 50,000 times, a huge title, a huge description, ten
 * thousand events in one resource; and a server naming resources and sync tokens longer than the store's columns.
 * The resource that cannot be taken is quarantined with its reason; the rest of its calendar, and the other users,
 * go on in their normal time. carol (Apple ID alice) gets the hostile data, dave (Apple ID bob) an ordinary event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCalendarDataTest {
    static final Duration NORMAL = Duration.ofSeconds(15);
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    CalDavServer server;
    FaultProxy proxy;
    HighLevelSandbox sandbox;
    BridgeHarness bridge;
    URI hostile;
    URI odd;
    URI calm;

    @BeforeAll
    void start() throws Exception {
        server = new RadicaleServer().start();
        proxy = new FaultProxy(server.baseUrl());
        hostile = server.mkcalendar(CalDavServer.USER, "hostile", "Hostile");
        odd = server.mkcalendar(CalDavServer.USER, "odd", "Odd");
        calm = server.mkcalendar("bob", "calm", "Calm");
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
        Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(),
                Files.createTempDirectory("bridge-hostile-data-"));
        p.keySet().removeIf(k -> k.startsWith("connections."));
        BridgeHarness.connection(p, "carol", "L1", "U7", CalDavServer.USER, "Hostile");
        p.put("connections.carol.conflict-calendars", "Odd");
        BridgeHarness.connection(p, "dave", "L1", "U8", "bob", "Calm");
        p.put("sync.poll-interval", "1s");
        p.put("sync.blocked-slot-title", "{summary}");
        bridge = BridgeHarness.start(p);
    }

    @AfterEach
    void sandboxSawOnlyValidRequests() {
        proxy.behave();
        sandbox.assertOnlyValidRequests();
    }

    @AfterAll
    void stop() throws Exception {
        bridge.close();
        sandbox.close();
        proxy.close();
        server.close();
    }

    static String calendar(String... vevents) {
        StringBuilder b = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\n");
        for (String e : vevents) {
            b.append("BEGIN:VEVENT\r\nDTSTAMP:20261101T120000Z\r\n").append(e.strip().replace("\n", "\r\n"))
                    .append("\r\nEND:VEVENT\r\n");
        }
        return b.append("END:VCALENDAR\r\n").toString();
    }

    /** An ordinary busy event {@code daysAhead} from today at {@code hour} UTC; returns its slot's start. */
    static String ordinary(String uid, int daysAhead, int hour, StringBuilder ics) {
        LocalDate d = LocalDate.now(ZoneOffset.UTC).plusDays(daysAhead);
        ics.append(calendar("UID:" + uid + "\nDTSTART:" + UTC.format(d.atTime(hour, 0)) + "\nDTEND:"
                + UTC.format(d.atTime(hour, 30)) + "\nSUMMARY:" + uid));
        return d.atTime(hour, 0).toInstant(ZoneOffset.UTC).toString();
    }

    void put(URI calendar, String uid, String ics) throws Exception {
        int status = server.put(calendar.resolve(uid + ".ics"), ics);
        assertTrue(status == 201 || status == 204, "PUT " + uid + " -> " + status);
    }

    String putOrdinary(URI calendar, String uid, int daysAhead, int hour) throws Exception {
        StringBuilder ics = new StringBuilder();
        String start = ordinary(uid, daysAhead, hour, ics);
        put(calendar, uid, ics.toString());
        return start;
    }

    void awaitSlot(String user, String start, Duration within) throws Exception {
        Await.until(within, () -> sandbox.blockedSlotTimes(user), slots -> slots.stream().anyMatch(s -> s.startsWith(start)),
                "a blocked slot of " + user + " at " + start);
    }

    void awaitQuarantined(long atLeast) throws Exception {
        Await.until(NORMAL, () -> bridge.metrics().count(BridgeMetrics.QUARANTINED), n -> n >= atLeast,
                atLeast + " resources quarantined");
    }

    @Test
    void seriesThatRepeatWithoutEndAreQuarantinedAndNobodyWaitsForThem() throws Exception {
        long quarantined = bridge.metrics().count(BridgeMetrics.QUARANTINED);
        put(hostile, "every-second", calendar("UID:every-second\nDTSTART:20260101T000000Z\nDTEND:20260101T000001Z\n"
                + "SUMMARY:spam\nRRULE:FREQ=SECONDLY"));
        put(hostile, "every-minute", calendar("UID:every-minute\nDTSTART:19700101T000000Z\nDTEND:19700101T000030Z\n"
                + "SUMMARY:spam\nRRULE:FREQ=MINUTELY"));
        // Radicale itself expands a counted series on PUT, so ten million instances would stall it: 50,000 minutes
        // from today are 25 times the bridge's limit per event, all in the window.
        String today = UTC.format(LocalDate.now(ZoneOffset.UTC).atTime(0, 0));
        put(hostile, "counted", calendar("UID:counted\nDTSTART:" + today + "\nDTEND:" + today.replace("T000000Z",
                "T000010Z") + "\nSUMMARY:spam\nRRULE:FREQ=MINUTELY;COUNT=50000"));
        String carols = putOrdinary(hostile, "carol-ordinary", 3, 9);
        String daves = putOrdinary(calm, "dave-ordinary", 3, 10);
        awaitSlot("U8", daves, NORMAL);
        awaitSlot("U7", carols, NORMAL);
        awaitQuarantined(quarantined + 3);
        assertTrue(sandbox.blockedSlotTimes("U7").size() < 10, "no spam slots: " + sandbox.blockedSlotTimes("U7").size());
    }

    @Test
    void aHugeTitleIsCutAndTheCalendarGoesOn() throws Exception {
        LocalDate d = LocalDate.now(ZoneOffset.UTC).plusDays(5);
        put(hostile, "long-title", calendar("UID:long-title\nDTSTART:" + UTC.format(d.atTime(8, 0)) + "\nDTEND:"
                + UTC.format(d.atTime(8, 30)) + "\nSUMMARY:" + "Very long title ".repeat(40)));
        awaitSlot("U7", d.atTime(8, 0).toInstant(ZoneOffset.UTC).toString(), NORMAL);
        ObjectNode slot = sandbox.blockedSlots("U7").stream().filter(s -> s.path("startTime").asText()
                .startsWith(d.atTime(8, 0).toInstant(ZoneOffset.UTC).toString().substring(0, 16))).findFirst().orElseThrow();
        assertEquals(200, slot.path("title").asText().length(), slot.path("title").asText());
        awaitSlot("U7", putOrdinary(hostile, "after-the-long-title", 5, 11), NORMAL);
    }

    @Test
    void aHugeDescriptionOrTenThousandEventsInOneResourceHurtNothingElse() throws Exception {
        long quarantined = bridge.metrics().count(BridgeMetrics.QUARANTINED);
        LocalDate d = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        put(hostile, "huge-description", calendar("UID:huge-description\nDTSTART:" + UTC.format(d.atTime(7, 0))
                + "\nDTEND:" + UTC.format(d.atTime(7, 30)) + "\nRRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Weekly\nDESCRIPTION:"
                + "x".repeat(5 << 20)));
        StringBuilder many = new StringBuilder("UID:many\nDTSTART:" + UTC.format(d.atTime(6, 0)) + "\nDTEND:"
                + UTC.format(d.atTime(6, 15)) + "\nRRULE:FREQ=DAILY;COUNT=3\nSUMMARY:Many");
        String[] overrides = new String[10_000];
        for (int i = 0; i < overrides.length; i++) {
            overrides[i] = "UID:many\nRECURRENCE-ID:" + UTC.format(d.plusDays(i + 10).atTime(6, 0)) + "\nDTSTART:"
                    + UTC.format(d.plusDays(i + 10).atTime(6, 5)) + "\nDTEND:" + UTC.format(d.plusDays(i + 10).atTime(6, 20));
        }
        String[] all = new String[overrides.length + 1];
        all[0] = many.toString();
        System.arraycopy(overrides, 0, all, 1, overrides.length);
        put(hostile, "many", calendar(all));
        awaitSlot("U7", d.atTime(7, 0).toInstant(ZoneOffset.UTC).toString(), NORMAL);
        awaitSlot("U7", d.plusDays(14).atTime(7, 0).toInstant(ZoneOffset.UTC).toString(), NORMAL);
        awaitQuarantined(quarantined + 1);
        awaitSlot("U7", putOrdinary(hostile, "after-the-big-ones", 6, 12), NORMAL);
    }

    @Test
    void hrefsAndSyncTokensLongerThanTheStoreTakesLeaveTheCalendarPolled() throws Exception {
        String longHref = odd.getPath() + "x".repeat(2_100) + ".ics";
        StringBuilder planted = new StringBuilder();
        ordinary("planted", 4, 13, planted);
        proxy.misbehave(Misbehaviours.foreignSyncHrefs(odd.getPath(), List.of(longHref)));
        proxy.misbehave(Misbehaviours.extraMultigetResource(odd.getPath(), longHref, planted.toString()));
        proxy.misbehave(Misbehaviours.longSyncTokens(odd.getPath(), 2_100));
        awaitSlot("U7", putOrdinary(odd, "beside-long-names", 4, 14), NORMAL);
        awaitSlot("U7", putOrdinary(odd, "after-long-names", 4, 15), NORMAL);
    }
}
