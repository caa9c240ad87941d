package io.hlbridge.caldav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import io.hlbridge.connections.Connection;
import io.hlbridge.testing.LoopbackServer;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two REPORT answers Radicale and Xandikos never give but iCloud may: a sync-collection answer truncated with
 * 507 (RFC 6578 §3.6), and a multiget batch in which one member is 404. A real HTTP server answers as iCloud would.
 */
class CalDavReportsTest {
    private static final Connection ALICE = new Connection("alice", "L1", "U1", TestSecrets.HIGHLEVEL_TOKEN,
            "alice@icloud.com", TestSecrets.APP_PASSWORD, "Work", List.of(), null, null);

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Starts a server answering every REPORT with {@code answer(requestBody)}, as a 207. */
    private URI serve(Function<String, String> answer) throws Exception {
        server = LoopbackServer.create(0, 8);
        server.createContext("/", x -> {
            try (x) {
                String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(body);
                byte[] b = answer.apply(body).getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "application/xml; charset=utf-8");
                x.sendResponseHeaders(207, b.length);
                x.getResponseBody().write(b);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cal/");
    }

    private static String response(String href, String status, String props) {
        return "<d:response><d:href>" + href + "</d:href>" + (props == null ? "<d:status>HTTP/1.1 " + status
                + "</d:status>" : "<d:propstat><d:prop>" + props + "</d:prop><d:status>HTTP/1.1 " + status
                + "</d:status></d:propstat>") + "</d:response>";
    }

    private static String multistatus(String token, String... responses) {
        return "<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">" + String.join("", responses)
                + (token == null ? "" : "<d:sync-token>" + token + "</d:sync-token>") + "</d:multistatus>";
    }

    @Test
    void aTruncatedSyncAnswerIsFollowedWithItsTokenUntilComplete() throws Exception {
        URI cal = serve(req -> req.contains(">https://sync/1<")
                ? multistatus("https://sync/2", response("/cal/c.ics", "200 OK", "<d:getetag>\"c1\"</d:getetag>"),
                        response("/cal/b.ics", "404 Not Found", null))
                : multistatus("https://sync/1", response("/cal/", "507 Insufficient Storage", null),
                        response("/cal/a.ics", "200 OK", "<d:getetag>\"a1\"</d:getetag>"),
                        response("/cal/b.ics", "200 OK", "<d:getetag>\"b1\"</d:getetag>")));
        SyncCollectionReport.Changes changes = new SyncCollectionReport(new CalDavClient(cal, Duration.ofSeconds(10), 16L << 20)).changesSince(ALICE, cal,
                "https://sync/0");
        assertEquals(2, requests.size(), "the second page asked for");
        assertTrue(requests.get(0).contains(">https://sync/0<") && requests.get(1).contains(">https://sync/1<"));
        assertEquals(Map.of(cal.resolve("a.ics").toString(), "\"a1\"", cal.resolve("c.ics").toString(), "\"c1\""),
                changes.changed());
        assertEquals(Set.of(cal.resolve("b.ics").toString()), changes.deleted(), "changed, then deleted by page 2");
        assertEquals("https://sync/2", changes.token());
    }

    @Test
    void aMemberGoneBetweenListingAndFetchingIsMissingNotAFailure() throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        URI cal = serve(req -> {
            StringBuilder b = new StringBuilder();
            for (String name : List.of("a", "b", "c")) {
                if (req.contains("/cal/" + name + ".ics")) {
                    b.append(name.equals("b") ? response("/cal/b.ics", "404 Not Found", null)
                            : response("/cal/" + name + ".ics", "200 OK", "<d:getetag>\"" + name + "1\"</d:getetag>"
                                    + "<c:calendar-data>" + ics.replace("UID:x", "UID:" + name) + "</c:calendar-data>"));
                }
            }
            return multistatus(null, b.toString());
        });
        CalendarMultiget multiget = new CalendarMultiget(new CalDavClient(cal, Duration.ofSeconds(10), 16L << 20), 2);
        CalendarMultiget.Result r = multiget.fetch(ALICE, cal, List.of(cal.resolve("a.ics").toString(),
                cal.resolve("b.ics").toString(), cal.resolve("c.ics").toString()));
        assertEquals(2, requests.size(), "three members in batches of two");
        assertEquals(Set.of(cal.resolve("a.ics").toString(), cal.resolve("c.ics").toString()), r.found().keySet());
        assertTrue(r.found().get(cal.resolve("c.ics").toString()).data().contains("UID:c"));
        assertEquals(Set.of(cal.resolve("b.ics").toString()), r.missing());
    }
}
