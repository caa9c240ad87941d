package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TcpRelay;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * One calendar reached under two addresses (iCloud moving an account to another partition host, a changed
 * icloud.caldav-url, nodes configured with different addresses): the store knows calendars, resources, the bridge's
 * events and blocked slots by their path on the server, so an event gets one slot whichever address saw it first, and an
 * appointment written under one address is updated and deleted in place under the other, never imported as busy.
 */
class OneCalendarTwoAddressesTest {

    @Test
    void anEventSeenUnderEitherAddressHasOneSlot() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox();
                TcpRelay first = new TcpRelay(server.port()); TcpRelay second = new TcpRelay(server.port())) {
            URI work = server.mkcalendar(CalDavServer.USER, "work", "Work");
            sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
            Path data = Files.createTempDirectory("two-addresses-");
            put(server, work, "e1", 9);
            run(sandbox, first, server, data, 1); // E1 seen under the first address
            run(sandbox, second, server, data, 1); // the same calendar under the second: E1 adopted, not posted again
            put(server, work, "e2", 11);
            run(sandbox, second, server, data, 2); // E2 seen under the second address first
            run(sandbox, first, server, data, 2); // ... and then under the first
            List<String> slots = sandbox.blockedSlotTimes("U1");
            assertEquals(2, slots.size(), "one slot per event: " + slots);
        }
    }

    @Test
    void anAppointmentWrittenUnderOneAddressIsKeptUnderTheOther() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox();
                TcpRelay first = new TcpRelay(server.port()); TcpRelay second = new TcpRelay(server.port())) {
            URI work = server.mkcalendar(CalDavServer.USER, "work", "Work");
            sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
            sandbox.addCalendar("RR1", "L1", "round_robin");
            Path data = Files.createTempDirectory("two-addresses-");
            String id;
            try (BridgeHarness bridge = BridgeHarness.start(through(sandbox, first, server, data))) {
                sandbox.setWebhookTarget(bridge.webhookUrl());
                id = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                        "startTime", "2027-01-12T09:00:00Z", "endTime", "2027-01-12T10:00:00Z", "title", "Fitting",
                        "users", List.of()), true).get("id").asText();
                Await.until(Duration.ofSeconds(30), () -> copies(server, work, id), c -> c.size() == 1, "the event");
                bridge.awaitAnotherPoll();
            }
            try (BridgeHarness bridge = BridgeHarness.start(through(sandbox, second, server, data))) {
                sandbox.setWebhookTarget(bridge.webhookUrl());
                bridge.awaitAnotherPoll();
                bridge.awaitAnotherPoll(); // our own event, seen under the second address, is still ours: no slot
                sandbox.update(id, Map.of("startTime", "2027-01-12T11:00:00Z", "endTime", "2027-01-12T12:00:00Z"),
                        true);
                Await.until(Duration.ofSeconds(30), () -> copies(server, work, id),
                        c -> c.size() == 1 && c.get(0).contains("DTSTART:20270112T110000Z"),
                        "the one event moved to 11:00");
                bridge.awaitAnotherPoll();
                bridge.awaitAnotherPoll();
                assertEquals(List.of(), sandbox.blockedSlotTimes("U1"), "no blocked slot for the bridge's own event");
                assertEquals("2027-01-12T11:00:00Z", sandbox.event(id).path("startTime").asText());
                sandbox.delete(id, true);
                Await.until(Duration.ofSeconds(30), () -> copies(server, work, id), List::isEmpty, "the event deleted");
            }
        }
    }

    private static List<String> copies(CalDavServer server, URI calendar, String appointmentId) throws Exception {
        return server.events(calendar).values().stream().filter(ics -> ics.contains("X-HL-APPOINTMENT-ID:"
                + appointmentId)).toList();
    }

    private static Map<String, String> through(HighLevelSandbox sandbox, TcpRelay relay, CalDavServer server, Path data)
            throws Exception {
        URI through = URI.create("http://127.0.0.1:" + relay.port() + server.baseUrl().getPath());
        Map<String, String> p = BridgeHarness.properties(sandbox, through, data);
        p.put("sync.poll-interval", "300ms");
        return p;
    }

    /** Runs the bridge through {@code relay} until it has polled a few times and holds {@code slots} slots. */
    private static void run(HighLevelSandbox sandbox, TcpRelay relay, CalDavServer server, Path data, int slots)
            throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(through(sandbox, relay, server, data))) {
            Await.until(Duration.ofSeconds(30), () -> sandbox.blockedSlotTimes("U1"), s -> s.size() >= slots,
                    slots + " slot(s)");
            bridge.awaitAnotherPoll();
            bridge.awaitAnotherPoll();
        }
    }

    private static void put(CalDavServer server, URI calendar, String uid, int hour) throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20261101T120000Z\r\nDTSTART:20270110T" + String.format("%02d", hour) + "0000Z\r\nDTEND:"
                + "20270110T" + String.format("%02d", hour + 1) + "0000Z\r\nSUMMARY:" + uid + "\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n";
        assertTrue(server.put(calendar.resolve(uid + ".ics"), ics) / 100 == 2);
    }
}
