package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.Misbehaviours;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.SubprocessBridge;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * A bridge that ran out of memory must not live on as a zombie that answers webhooks with its workers dead: it ends
 * with exit status 3 so that its supervisor starts it again. Here an operator raised icloud.max-answer-size far above
 * the heap, and a server answers one poll with 2 GB.
 */
class OutOfMemoryTest {

    @Test
    void runningOutOfMemoryEndsTheProcessWithStatusThree() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox();
                FaultProxy proxy = new FaultProxy(server.baseUrl())) {
            URI work = server.mkcalendar(CalDavServer.USER, "work", "Work");
            sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
            sandbox.addCalendar("RR1", "L1", "round_robin");
            Path dir = Files.createTempDirectory("bridge-oom-");
            Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(), dir.resolve("data"));
            p.put("sync.poll-interval", "1s");
            p.put("icloud.max-answer-size", "4GB");
            p.put("icloud.timeout", "120s");
            try (SubprocessBridge bridge = new SubprocessBridge(p).directory(dir).jvm("-Xmx128m").start()) {
                Thread.sleep(3_000); // the first polls took the calendars' sync tokens
                proxy.misbehave(Misbehaviours.hugeMultistatusOnce(CalDavServer.USER, 2L << 30));
                String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:oom\r\n"
                        + "DTSTAMP:20261101T120000Z\r\nDTSTART:20271201T090000Z\r\nDTEND:20271201T100000Z\r\n"
                        + "SUMMARY:A change, so the poll lists the calendar\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
                assertTrue(server.put(work.resolve("oom.ics"), ics) / 100 == 2);
                int status = bridge.awaitExit(Duration.ofSeconds(120));
                assertEquals(3, status, "exit status after running out of memory:\n" + tail(bridge.log()));
                assertTrue(bridge.log().contains("OutOfMemoryError") && bridge.log().contains("supervisor"),
                        tail(bridge.log()));
            }
        }
    }

    private static String tail(String log) {
        return log.length() < 4_000 ? log : log.substring(log.length() - 4_000);
    }
}
