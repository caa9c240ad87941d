package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.SubprocessBridge;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * Clients that connect and send their request a byte at a time (slowloris), more of them than the listener takes:
 * each is cut off within the listener's timeouts, the bridge never holds more connections than its cap (so its file
 * descriptors stay free for the CalDAV and HighLevel clients), its outbound work goes on during the flood, and it
 * takes webhooks again once the flood is cut off. The bridge runs in its own JVM, whose open files are counted.
 */
class IntakeFloodTest {
    private static final int SLOW_CLIENTS = 300;
    private static final int CAP = 50;

    @Test
    void slowClientsAreCutOffAndTheBridgeGoesOnWorking() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox()) {
            URI work = server.mkcalendar(CalDavServer.USER, "work", "Work");
            sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
            sandbox.addCalendar("RR1", "L1", "round_robin");
            Path dir = Files.createTempDirectory("bridge-flood-");
            Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(), dir.resolve("data"));
            p.put("sync.poll-interval", "1s");
            p.put("bridge.http.idle-timeout", "2s");
            p.put("bridge.http.request-timeout", "2s");
            p.put("bridge.http.max-connections", String.valueOf(CAP));
            try (SubprocessBridge bridge = new SubprocessBridge(p).directory(dir).start()) {
                sandbox.setWebhookTarget(bridge.webhookUrl());
                Thread.sleep(2_000); // start-up settled
                long idle = openFiles(bridge.pid());
                int port = Integer.parseInt(p.get("camel.server.port"));
                List<Socket> slow = new ArrayList<>();
                AtomicBoolean flooding = new AtomicBoolean(true);
                AtomicLong mostOpen = new AtomicLong();
                Thread sampler = new Thread(() -> {
                    while (flooding.get()) {
                        mostOpen.accumulateAndGet(openFiles(bridge.pid()), Math::max);
                        sleep(100);
                    }
                });
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream().write("POST /webhooks/highlevel HTTP/1.1\r\nHost: bridge\r\n".getBytes(
                            StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                Thread.sleep(500); // the burst of connections is accepted, then those over the cap are closed at once
                sampler.start();
                Thread trickler = new Thread(() -> {
                    while (flooding.get()) {
                        for (Socket s : slow) {
                            try {
                                s.getOutputStream().write('x'); // one more byte of a header that never ends
                            } catch (IOException e) {
                                // cut off: what the listener should do
                            }
                        }
                        sleep(300);
                    }
                });
                trickler.start();
                String start = putBusyEvent(server, work, "during-the-flood");
                Await.until(Duration.ofSeconds(20), () -> sandbox.blockedSlotTimes("U1"), slots -> slots.stream()
                        .anyMatch(s -> s.startsWith(start)), "a poll's blocked slot during the flood");
                Thread.sleep(3_000); // past the 2 s in which each slow client must have been cut off
                int cutOff = 0;
                for (Socket s : slow) {
                    s.setSoTimeout(100);
                    cutOff += closedByPeer(s) ? 1 : 0;
                }
                flooding.set(false);
                trickler.join();
                sampler.join();
                assertEquals(SLOW_CLIENTS, cutOff, "every slow client is cut off by the listener");
                assertTrue(mostOpen.get() < idle + CAP + 40, "open files stayed near the cap once the burst was accepted: " + mostOpen.get()
                        + " at most, " + idle + " before the flood");
                ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                        "startTime", "2027-01-12T09:00:00Z", "endTime", "2027-01-12T10:00:00Z", "title",
                        "After the flood", "users", List.of()), false);
                assertEquals(200, sandbox.deliver(sandbox.webhook("AppointmentCreate", a)), "webhooks are taken again");
                Await.until(Duration.ofSeconds(60), () -> server.events(work).values().stream() // a backoff may hold it
                        .filter(ics -> ics.contains(a.get("id").asText())).count(), n -> n == 1, "its event");
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aSlowPeerHoldsOnlyItsShareAndOtherPeersWebhooksAreAnswered() throws Exception {
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
            sandbox.addCalendar("RR1", "L1", "round_robin");
            Path dir = Files.createTempDirectory("bridge-peer-flood-");
            Map<String, String> p = BridgeHarness.properties(sandbox, URI.create("http://127.0.0.1:"
                    + io.hlbridge.testing.Ports.free() + "/"), dir.resolve("data"));
            p.put("bridge.http.max-connections", String.valueOf(CAP));
            p.put("bridge.http.max-connections-per-peer", "10");
            try (SubprocessBridge bridge = new SubprocessBridge(p).directory(dir).start()) {
                sandbox.setWebhookTarget(bridge.webhookUrl());
                int port = Integer.parseInt(p.get("camel.server.port"));
                AtomicBoolean flooding = new AtomicBoolean(true);
                List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
                Thread attacker = new Thread(() -> { // from another address, reconnecting as the bridge cuts it off
                    while (flooding.get()) {
                        try {
                            Socket s = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port,
                                    java.net.InetAddress.getByName("127.0.0.2"), 0);
                            s.getOutputStream().write("POST /webhooks/highlevel HTTP/1.1\r\nHost: b\r\n".getBytes(
                                    StandardCharsets.US_ASCII));
                            held.add(s);
                            if (held.size() > 3 * CAP) {
                                held.remove(0).close();
                            }
                        } catch (IOException e) {
                            sleep(5);
                        }
                    }
                });
                attacker.start();
                Thread.sleep(1_000); // the flood is at its height
                int answered = 0;
                for (int i = 0; i < 20; i++) {
                    ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                            "startTime", "2027-01-13T09:00:00Z", "endTime", "2027-01-13T10:00:00Z", "title",
                            "During the flood " + i, "users", List.of()), false);
                    try {
                        answered += sandbox.deliver(sandbox.webhook("AppointmentCreate", a)) == 200 ? 1 : 0;
                    } catch (IOException e) {
                        // refused: what must not happen
                    }
                }
                flooding.set(false);
                attacker.join();
                synchronized (held) {
                    for (Socket s : held) {
                        s.close();
                    }
                }
                assertEquals(20, answered, "every signed webhook from another peer answered 200 during the flood");
            }
        }
    }

    private static String putBusyEvent(CalDavServer server, URI calendar, String uid) throws Exception {
        LocalDate d = LocalDate.now(ZoneOffset.UTC).plusDays(4);
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20261101T120000Z\r\nDTSTART:" + utc.format(d.atTime(9, 0)) + "\r\nDTEND:"
                + utc.format(d.atTime(10, 0)) + "\r\nSUMMARY:" + uid + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assertTrue(server.put(calendar.resolve(uid + ".ics"), ics) / 100 == 2);
        return d.atTime(9, 0).toInstant(ZoneOffset.UTC).toString();
    }

    /** Whether the peer closed the connection (end of stream or reset) within the socket's timeout. */
    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[1024];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
