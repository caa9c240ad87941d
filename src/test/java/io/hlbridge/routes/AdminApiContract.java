package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.sandbox.SandboxFaults;
import io.hlbridge.testing.AdminClient;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import org.apache.camel.builder.NotifyBuilder;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.TestLogs;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connections run the way an operator runs them, through the admin API alone, against a real CalDAV server (behind
 * a proxy that can revoke the app password, as iCloud does) and the HighLevel sandbox: no connection in the
 * configuration. Every request and answer is checked against docs/admin-api.yaml. Each test uses its own HighLevel
 * user and calendar, so they stay independent while sharing one bridge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminApiContract {
    static final Duration NORMAL = Duration.ofSeconds(20);
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    CalDavServer server;
    FaultProxy proxy;
    HighLevelSandbox sandbox;
    BridgeHarness bridge;
    AdminClient admin;
    int managementPort;
    URI subscription;
    int sequence;

    abstract CalDavServer newServer();

    @BeforeAll
    void start() throws Exception {
        server = newServer().start();
        proxy = new FaultProxy(server.baseUrl());
        for (String slug : List.of("work", "home", "side", "spare", "ledger", "errands")) {
            server.mkcalendar(CalDavServer.USER, slug, slug.substring(0, 1).toUpperCase() + slug.substring(1));
        }
        subscription = server.mkSubscription(CalDavServer.USER, "holidays", "Holidays",
                "https://calendars.example/holidays.ics");
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addCalendar("RR1", "L1", "round_robin");
        sandbox.addUser("L1", "U1", "Alice Adams", "alice@example.com");
        sandbox.addUser("L1", "U2", "Carol Chen", "carol@example.com");
        sandbox.addUser("L1", "U3", "Dave Diaz", "dave@example.com");
        sandbox.addUser("L1", "U4", "Erin Evans", "erin@example.com");
        Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(),
                Files.createTempDirectory("bridge-admin-"));
        p.keySet().removeIf(k -> k.startsWith("connections."));
        p.put("bridge.secret-key", TestSecrets.SECRET_KEY);
        p.put("bridge.admin.token", TestSecrets.ADMIN_TOKEN);
        p.put("sync.poll-interval", "1s");
        p.put("bridge.retry.max-attempts", "2");
        p.put("bridge.retry.credentials-delay", "1h"); // only a new app password lifts a refusal here
        managementPort = Integer.parseInt(p.get("camel.management.port"));
        bridge = BridgeHarness.start(p);
        sandbox.setWebhookTarget(bridge.webhookUrl());
        admin = new AdminClient(managementPort, TestSecrets.ADMIN_TOKEN);
    }

    @AfterEach
    void everyExchangeKeptTheContract() {
        proxy.acceptPassword(TestSecrets.APP_PASSWORD);
        sandbox.faults().clear();
        assertEquals(List.of(), admin.violations());
        sandbox.assertOnlyValidRequests();
    }

    @AfterAll
    void stop() throws Exception {
        bridge.close();
        sandbox.close();
        proxy.close();
        server.close();
    }

    Map<String, Object> connection(String name, String user, String linked, List<String> conflicts) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("locationId", "L1");
        c.put("userId", user);
        c.put("appleId", CalDavServer.USER);
        c.put("appPassword", TestSecrets.APP_PASSWORD);
        c.put("linkedCalendar", linked);
        c.put("conflictCalendars", conflicts);
        c.put("highlevelToken", TestSecrets.HIGHLEVEL_TOKEN);
        return c;
    }

    ObjectNode book(String user, String title) throws Exception {
        int n = ++sequence;
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(2 + n % 20).toString();
        return sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", user,
                "startTime", day + "T" + String.format("%02d", 6 + n % 12) + ":00:00Z",
                "endTime", day + "T" + String.format("%02d", 6 + n % 12) + ":30:00Z", "title", title,
                "users", List.of()), true);
    }

    long eventsOf(String slug, String appointmentId) throws Exception {
        return server.events(calendar(slug)).values().stream().filter(ics -> ics.contains("X-HL-APPOINTMENT-ID:"
                + appointmentId)).count();
    }

    URI calendar(String slug) {
        return server.baseUrl().resolve(server.homePath(CalDavServer.USER) + slug + "/");
    }

    String putBusyEvent(String slug, String uid, int daysAhead, int hour) throws Exception {
        LocalDate d = LocalDate.now(ZoneOffset.UTC).plusDays(daysAhead);
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20261101T120000Z\r\nDTSTART:" + UTC.format(d.atTime(hour, 0)) + "\r\nDTEND:"
                + UTC.format(d.atTime(hour, 45)) + "\r\nSUMMARY:" + uid + "\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n";
        int status = server.put(calendar(slug).resolve(uid + ".ics"), ics);
        assertTrue(status / 100 == 2, "PUT " + uid + " -> " + status);
        return d.atTime(hour, 0).toInstant(ZoneOffset.UTC).toString();
    }

    void awaitSlot(String user, String start) throws Exception {
        Await.until(NORMAL, () -> sandbox.blockedSlotTimes(user), slots -> slots.stream().anyMatch(s -> s.startsWith(start)),
                "a blocked slot of " + user + " at " + start);
    }

    String state(String name) throws Exception {
        return admin.get("/connections/" + name).json().path("state").path("status").asText();
    }

    HttpResponse<String> management(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + managementPort + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Files.writeString(TestLogs.file("management-" + path.replaceAll("[^a-z]", "-") + "-" + System.nanoTime()
                + (path.contains("metrics") ? ".prom" : ".json")).toPath(), r.body(), StandardCharsets.UTF_8);
        return r;
    }

    static void noSecretIn(String text) {
        for (String secret : List.of(TestSecrets.APP_PASSWORD, TestSecrets.NEW_APP_PASSWORD,
                TestSecrets.HIGHLEVEL_TOKEN, TestSecrets.ADMIN_TOKEN, TestSecrets.SECRET_KEY)) {
            assertFalse(text.contains(secret), "a secret in: " + text);
        }
    }

    @Test
    void aConnectionsWholeLifeThroughTheAdminApiAlone() throws Exception {
        // the connect flow: a wrong app password is told at once, then the calendars are listed with what each can be
        AdminClient.Answer wrong = admin.post("/calendars", Map.of("appleId", CalDavServer.USER, "appPassword",
                TestSecrets.REVOKED_APP_PASSWORD));
        assertEquals(400, wrong.status(), wrong.text());
        assertEquals("appPassword", wrong.json().path("field").asText());
        assertTrue(wrong.json().path("reason").asText().contains("app-specific password"), wrong.text());
        AdminClient.Answer listing = admin.post("/calendars", Map.of("appleId", CalDavServer.USER, "appPassword",
                TestSecrets.APP_PASSWORD));
        assertEquals(200, listing.status(), listing.text());
        JsonNode work = find(listing.json().path("calendars"), "displayName", "Work");
        assertTrue(work.path("linked").path("usable").asBoolean() && work.path("conflict").path("usable").asBoolean());
        JsonNode holidays = find(listing.json().path("calendars"), "url", subscription.toString().replace(
                server.baseUrl().toString(), proxy.url().toString()));
        assertFalse(holidays.path("linked").path("usable").asBoolean());
        assertTrue(holidays.path("conflict").path("reason").asText().contains("subscri"), holidays.toString());
        AdminClient.Answer users = admin.post("/users", Map.of("locationId", "L1", "highlevelToken",
                TestSecrets.HIGHLEVEL_TOKEN));
        assertEquals(200, users.status(), users.text());
        assertNotNull(find(users.json().path("users"), "id", "U1"));

        // create, and it syncs both ways
        AdminClient.Answer created = admin.post("/connections", connection("alice", "U1", "Work", List.of("Home")));
        assertEquals(201, created.status(), created.text());
        assertEquals("stored", created.json().path("source").asText());
        noSecretIn(created.text());
        ObjectNode a = book("U1", "Booked after connecting");
        Await.until(NORMAL, () -> eventsOf("work", a.get("id").asText()), n -> n == 1, "the appointment in Work");
        awaitSlot("U1", putBusyEvent("home", "dentist", 3, 9));
        AdminClient.Answer list = admin.get("/connections");
        assertEquals(1, list.json().path("connections").size() - others(list.json()), list.text());
        noSecretIn(list.text());
        noSecretInTheStore();

        // iCloud refuses the app password: the connection says so, readiness is DOWN naming it
        proxy.acceptPassword(TestSecrets.NEW_APP_PASSWORD);
        Await.until(NORMAL, () -> state("alice"), s -> s.equals("needs-app-password"), "alice needs a new password");
        HttpResponse<String> ready = management("/observe/health/ready?data=true");
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("connection.alice") && ready.body().contains("needs-app-password"),
                ready.body());
        Await.until(NORMAL, () -> management("/observe/metrics").body(), m -> m.contains(
                "bridge_connections{state=\"needs-app-password\"} 1.0"), "the connections gauge in a scrape");

        // the new app password: sync resumes within one poll, no restart
        long polledBefore = polls(management("/observe/metrics").body());
        AdminClient.Answer replaced = admin.patch("/connections/alice", Map.of("appPassword",
                TestSecrets.NEW_APP_PASSWORD));
        assertEquals(200, replaced.status(), replaced.text());
        Await.until(NORMAL, () -> state("alice"), s -> s.equals("ok"), "alice syncs again");
        awaitSlot("U1", putBusyEvent("home", "after-the-new-password", 4, 10));
        assertEquals(200, management("/observe/health/ready").statusCode());
        Await.until(NORMAL, () -> polls(management("/observe/metrics").body()), n -> n > polledBefore,
                "the polls counter moving in a scrape");

        // paused: nothing is written; resumed: the waiting work goes through
        assertEquals(200, admin.patch("/connections/alice", Map.of("paused", true)).status());
        assertEquals("paused", state("alice"));
        NotifyBuilder sweeps = bridge.exchanges("inbox-sweeper", 10);
        ObjectNode whilePaused = book("U1", "Booked while paused");
        BridgeHarness.await(sweeps); // ten chances to write it
        assertEquals(0, eventsOf("work", whilePaused.get("id").asText()), "no write while paused");
        assertEquals(200, admin.patch("/connections/alice", Map.of("paused", false)).status());
        Await.until(NORMAL, () -> eventsOf("work", whilePaused.get("id").asText()), n -> n == 1, "written on resume");
        admin.awaitInboxApplied(); // the write is linked once its work is done, a moment after the event is there

        // disconnected cleanly: its iCloud events and blocked slots go with it
        AdminClient.Answer gone = admin.delete("/connections/alice?removeCreated=true");
        assertEquals(200, gone.status(), gone.text());
        assertTrue(gone.json().path("removed").path("icloudEvents").asInt() >= 2, gone.text());
        assertTrue(gone.json().path("removed").path("blockedSlots").asInt() >= 2, gone.text());
        assertEquals(0, server.events(calendar("work")).values().stream().filter(ics -> ics.contains(
                "X-HL-APPOINTMENT-ID")).count(), "the bridge's events are gone from Work");
        assertEquals(List.of(), sandbox.blockedSlotTimes("U1"), "its blocked slots are gone");
        assertEquals(404, admin.get("/connections/alice").status());
    }

    @Test
    void aConnectionsOwnChoicesApplyToWhatWasSyncedAlready() throws Exception {
        assertEquals(201, admin.post("/connections", connection("erin", "U4", "Ledger", List.of("Errands"))).status());
        ObjectNode a = book("U4", "Secret deal");
        String appointment = a.get("id").asText();
        Await.until(NORMAL, () -> eventOf("ledger", appointment), ics -> ics.contains("SUMMARY:Secret deal"),
                "the appointment in Ledger with its title (sync.event-details=full)");
        String dentist = putBusyEvent("errands", "Dentist", 5, 9);
        LocalDate trip = LocalDate.now(ZoneOffset.UTC).plusDays(6);
        int status = server.put(calendar("errands").resolve("trip.ics"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                + "PRODID:-//Apple Inc.//macOS 15.1//EN\r\nBEGIN:VEVENT\r\nUID:trip\r\nDTSTAMP:20261101T120000Z\r\n"
                + "DTSTART;VALUE=DATE:" + trip.toString().replace("-", "") + "\r\nDTEND;VALUE=DATE:"
                + trip.plusDays(1).toString().replace("-", "") + "\r\nSUMMARY:Trip\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n"); // all-day without TRANSP: Apple's free
        assertTrue(status / 100 == 2, "PUT trip -> " + status);
        awaitSlot("U4", dentist);
        NotifyBuilder polls = bridge.exchanges("icloud-to-highlevel", 3);
        BridgeHarness.await(polls); // the trip was seen, and judged free
        assertEquals(List.of("Busy"), titles("U4"), "one slot, titled as sync.blocked-slot-title says");

        // the user's own choices: the event keeps only the time, slots carry the iCloud title, all-day is busy
        Map<String, Object> choices = Map.of("event-details", "busy", "blocked-slot-title", "{summary}", "all-day",
                "busy");
        AdminClient.Answer changed = admin.patch("/connections/erin", Map.of("choices", choices));
        assertEquals(200, changed.status(), changed.text());
        assertEquals("busy", changed.json().path("choices").path("event-details").asText(), changed.text());
        assertTrue(changed.json().path("choices").path("icloud-deletions").isNull(), changed.text());
        Await.until(NORMAL, () -> eventOf("ledger", appointment), ics -> ics.contains("SUMMARY:Busy")
                && !ics.contains("Secret deal"), "the event written again with the time only");
        Await.until(NORMAL, () -> titles("U4"), t -> t.equals(List.of("Dentist", "Trip")),
                "the slot retitled and the trip busy");

        // no choice of its own any more: the global keys again, for what was synced too
        assertEquals(200, admin.patch("/connections/erin", Map.of("choices", Map.of())).status());
        Await.until(NORMAL, () -> eventOf("ledger", appointment), ics -> ics.contains("SUMMARY:Secret deal"),
                "the event's title back");
        Await.until(NORMAL, () -> titles("U4"), t -> t.equals(List.of("Busy")), "the trip free again, Busy again");

        assertRefused(admin.patch("/connections/erin", Map.of("choices", Map.of("all-day", "sometimes"))), 400,
                "choices");
        assertRefused(admin.patch("/connections/erin", Map.of("choices", Map.of("colour", "red"))), 400, "choices");
        assertTrue(admin.get("/connections/erin").json().path("choices").path("all-day").isNull());
        assertEquals(200, admin.delete("/connections/erin").status()); // the other tests count alice's Apple ID's
    }

    String eventOf(String slug, String appointmentId) throws Exception {
        return server.events(calendar(slug)).values().stream().filter(ics -> ics.contains("X-HL-APPOINTMENT-ID:"
                + appointmentId)).findFirst().orElse("");
    }

    List<String> titles(String user) {
        return sandbox.blockedSlots(user).stream().map(b -> b.path("title").asText()).toList();
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAndChangeNothing() throws Exception {
        int before = admin.get("/connections").json().path("connections").size();
        Map<String, Object> c = connection("carol", "U2", "Side", List.of());
        c.remove("linkedCalendar");
        assertRefused(admin.post("/connections", c), 400, "linkedCalendar");
        c = connection("carol", "U2", "Side", List.of());
        c.put("password", "x");
        assertRefused(admin.post("/connections", c), 400, "password");
        c = connection("carol", "U2", "Side", List.of());
        c.put("timeZone", "Mars/Olympus");
        assertRefused(admin.post("/connections", c), 400, "timeZone");
        assertRefused(admin.post("/connections", connection("Carol Chen", "U2", "Side", List.of())), 400, "name");
        assertRefused(admin.post("/connections", connection("carol", "U9", "Side", List.of())), 400, "userId");
        assertRefused(admin.post("/connections", connection("carol", "U2", "Nowhere", List.of())), 400,
                "linkedCalendar");
        assertRefused(admin.post("/connections", connection("carol", "U2", "Holidays", List.of())), 400,
                "linkedCalendar");
        Map<String, Object> badToken = connection("carol", "U2", "Side", List.of());
        badToken.put("highlevelToken", "pit-not-a-token-of-this-location");
        assertRefused(admin.post("/connections", badToken), 400, "highlevelToken");
        assertRefused(admin.post("/connections", "{\"name\": "), 400, null);
        assertEquals(before, admin.get("/connections").json().path("connections").size(), "nothing was created");

        assertEquals(201, admin.post("/connections", connection("carol", "U2", "Side", List.of())).status());
        assertRefused(admin.post("/connections", connection("carol", "U3", "Spare", List.of())), 409, "name");
        assertRefused(admin.post("/connections", connection("carol2", "U2", "Spare", List.of())), 409, "userId");
        assertRefused(admin.patch("/connections/carol", Map.of("paused", "yes")), 400, "paused");
        assertRefused(admin.patch("/connections/carol", Map.of("linkedCalendar", "Nowhere")), 400, "linkedCalendar");
        assertEquals("Side", admin.get("/connections/carol").json().path("linkedCalendar").asText(), "unchanged");
        assertRefused(admin.get("/connections/nobody"), 404, null);
        assertRefused(admin.patch("/connections/nobody", Map.of("paused", true)), 404, null);
        assertRefused(admin.delete("/connections/nobody"), 404, null);
        assertRefused(admin.get("/inbox?state=lost"), 400, "state");

        int count = admin.get("/connections").json().path("connections").size();
        assertEquals(401, admin.withToken(null).get("/connections").status());
        assertEquals(401, admin.withToken("adm-wrong-token-of-the-right-length").post("/connections",
                connection("eve", "U3", "Spare", List.of())).status());
        assertEquals(401, admin.withToken("adm-wrong-token-of-the-right-length").delete("/connections/carol").status());
        assertEquals(count, admin.get("/connections").json().path("connections").size(), "nothing changed");

        // pages of one, cursor to cursor: every connection once, in name order
        assertRefused(admin.get("/connections?limit=0"), 400, "limit");
        List<String> all = new java.util.ArrayList<>();
        admin.get("/connections").json().path("connections").forEach(n -> all.add(n.path("name").asText()));
        assertEquals(all.stream().sorted().toList(), all, "name order");
        List<String> walked = new java.util.ArrayList<>();
        String after = null;
        do {
            AdminClient.Answer page = admin.get("/connections?limit=1" + (after == null ? "" : "&after=" + after));
            assertEquals(all.size(), page.json().path("total").asInt(), page.text());
            page.json().path("connections").forEach(n -> walked.add(n.path("name").asText()));
            after = page.json().path("next").isNull() ? null : page.json().path("next").asText();
        } while (after != null);
        assertEquals(all, walked, "the pages hold every connection once");
        assertEquals(200, admin.delete("/connections/carol").status());
    }

    @Test
    void aFailedInboxEntryIsListedWithItsReasonRetriedAndApplied() throws Exception {
        assertEquals(201, admin.post("/connections", connection("dave", "U3", "Spare", List.of())).status());
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U3",
                "startTime", "2027-02-03T09:00:00Z", "endTime", "2027-02-03T10:00:00Z", "title", "Fails twice",
                "users", List.of()), false);
        for (int i = 0; i < 2; i++) { // bridge.retry.max-attempts=2
            sandbox.faults().answerOnce("L1", new SandboxFaults.Canned("GET", "/calendars/events/appointments/"
                    + a.get("id").asText(), 500, List.of(), "application/json",
                    "{\"statusCode\":500,\"message\":\"Internal server error\"}"));
        }
        sandbox.deliver(sandbox.webhook("AppointmentCreate", a));
        JsonNode failed = Await.until(NORMAL, () -> find(admin.get("/inbox?state=failed").json().path("entries"),
                "workKey", "appointment:" + a.get("id").asText()), e -> e != null, "the entry parked as failed");
        assertTrue(failed.path("lastError").asText().contains("500"), failed.toString());
        assertEquals(0, eventsOf("spare", a.get("id").asText()));
        AdminClient.Answer retried = admin.post("/inbox/" + failed.path("id").asLong() + "/retry", null);
        assertEquals(200, retried.status(), retried.text());
        Await.until(NORMAL, () -> eventsOf("spare", a.get("id").asText()), n -> n == 1, "applied after the retry");
        assertEquals(null, find(admin.get("/inbox?state=failed").json().path("entries"), "workKey",
                "appointment:" + a.get("id").asText()));
        assertRefused(admin.post("/inbox/999999/retry", null), 404, null);
        assertEquals(200, admin.delete("/connections/dave?removeCreated=true").status());
    }

    @Test
    void aWrongAnswerOfTheConnectFlowNamesTheFix() throws Exception {
        AdminClient.Answer users = admin.post("/users", Map.of("locationId", "L1", "highlevelToken",
                TestSecrets.HIGHLEVEL_TOKEN_2));
        assertRefused(users, 400, "highlevelToken");
        assertRefused(admin.post("/calendars", Map.of("appleId", CalDavServer.USER)), 400, "appPassword");
    }

    /** The raw store: no app password, token or key in clear anywhere in it. */
    void noSecretInTheStore() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection c = bridge.database().connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SCRIPT")) {
            while (rs.next()) {
                dump.append(rs.getString(1)).append('\n');
            }
        }
        assertTrue(dump.toString().contains("STORED_CONNECTION"), "the dump holds the table");
        noSecretIn(dump.toString());
    }

    static long polls(String metrics) {
        long n = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("bridge_polls_started_total")) {
                n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return n;
    }

    /** Connections of the other tests that may be there too. */
    static int others(JsonNode list) {
        int n = 0;
        for (JsonNode c : list.path("connections")) {
            n += c.path("name").asText().equals("alice") ? 0 : 1;
        }
        return n;
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }

    static void assertRefused(AdminClient.Answer a, int status, String field) {
        assertEquals(status, a.status(), a.text());
        assertEquals(status, a.json().path("status").asInt(), a.text());
        assertFalse(a.json().path("reason").asText().isBlank(), a.text());
        if (field != null) {
            assertEquals(field, a.json().path("field").asText(), a.text());
        }
        noSecretIn(a.text());
    }

    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("connections").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
