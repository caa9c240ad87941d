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
 * icloud.caldav-url, nodes configured with different addresses): the store knows its blocked slots by the calendar's
 * path on the server, so an event gets one slot whichever address saw it first.
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

    /** Runs the bridge through {@code relay} until it has polled a few times and holds {@code slots} slots. */
    private static void run(HighLevelSandbox sandbox, TcpRelay relay, CalDavServer server, Path data, int slots)
            throws Exception {
        URI through = URI.create("http://127.0.0.1:" + relay.port() + server.baseUrl().getPath());
        Map<String, String> p = BridgeHarness.properties(sandbox, through, data);
        p.put("sync.poll-interval", "300ms");
        try (BridgeHarness bridge = BridgeHarness.start(p)) {
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
