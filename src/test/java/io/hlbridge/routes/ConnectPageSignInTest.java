package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.sandbox.SandboxFaults;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who is asking on the connect page, over real HTTP against a running bridge: only HighLevel's user context, encrypted
 * under the app's Shared Secret, for a user of a location the bridge serves, buys a session; every other payload gets
 * the same 401; a session shows its own user's connection and no one else's; every string from HighLevel is escaped.
 */
class ConnectPageSignInTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static CalDavServer server;
    static HighLevelSandbox sandbox;
    static BridgeHarness bridge;
    static URI page;

    @BeforeAll
    static void start() throws Exception {
        server = new RadicaleServer().withUsers(List.of("eve")).start();
        server.mkcalendar(CalDavServer.USER, "work", "Work");
        server.mkcalendar("eve", "team", "Team");
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addLocation("L2", "Europe/Berlin", "token-of-L2-not-given-to-the-bridge");
        sandbox.addUser("L1", "U1", "Ann <b>Lee</b>", "ann@example.com");
        sandbox.addUser("L1", "U2", "Bo Berg", "bo@example.com");
        sandbox.addUser("L1", "U4", "Eve Ek", "eve@example.com");
        sandbox.addUser("L2", "U3", "Cy Cole", "cy@example.com");
        sandbox.addLocation("L3", "Europe/Berlin", "token-of-L3");
        sandbox.addUser("L3", "U5", "Di Dorn", "di@example.com");
        Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                Files.createTempDirectory("bridge-connect-page-"));
        p.put("highlevel.oauth.shared-secret", "the-new-secret");
        p.put("highlevel.oauth.shared-secret-previous", sandbox.appShell().sharedSecret());
        p.put("highlevel.custom-page.frame-ancestors", sandbox.appShell().origin());
        p.put("bridge.secret-key", TestSecrets.SECRET_KEY);
        BridgeHarness.connection(p, "di", "L3", "U5", CalDavServer.USER, "Work");
        p.put("connections.di.highlevel-token", "token-of-L3");
        bridge = BridgeHarness.start(p);
        page = URI.create("http://127.0.0.1:" + p.get("camel.server.port") + "/connect");
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
        sandbox.close();
        server.close();
    }

    static HttpResponse<String> signIn(String payload) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(page + "/session")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("payload",
                        payload)))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> view(String session) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(page + "/view"));
        if (session != null) {
            r.header("Authorization", "Bearer " + session);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String session(String user, String location, String secret) throws Exception {
        HttpResponse<String> r = signIn(sandbox.appShell().payload(user, location, "user", secret));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("session").asText();
    }

    @Test
    void aUserOfAServedLocationSeesTheirOwnConnection() throws Exception {
        // signed with the previous secret (the sandbox's), accepted during the rotation; the current one as well
        String ann = session("U1", "L1", sandbox.appShell().sharedSecret());
        HttpResponse<String> v = view(ann);
        assertEquals(200, v.statusCode());
        assertTrue(v.body().contains("Signed in as Ann &lt;b&gt;Lee&lt;/b&gt;"), v.body()); // HighLevel's name, escaped
        assertFalse(v.body().contains("<b>"), v.body());
        assertTrue(v.body().contains("“Work”") && v.body().contains("data-state=\"ok\""), v.body());
        String bo = session("U2", "L1", "the-new-secret");
        String boView = view(bo).body();
        assertTrue(boView.contains("Signed in as Bo Berg") && boView.contains("not connected yet"), boView);
        assertFalse(boView.contains("Work"), "Bo sees nothing of Ann's connection: " + boView);
        assertEquals("no-store", v.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void everyPayloadThatProvesNothingGetsTheSame401() throws Exception {
        String good = sandbox.appShell().payload("U1", "L1", "user", "the-new-secret");
        byte[] tampered = Base64.getDecoder().decode(good);
        tampered[20] ^= 1;
        List<String> refused = List.of(
                Base64.getEncoder().encodeToString(tampered),
                sandbox.appShell().payload("U1", "L1", "user", "someone-elses-secret"),
                sandbox.appShell().payload("U3", "L2", "admin", "the-new-secret"), // a location the bridge does not serve
                sandbox.appShell().payload("U9", "L1", "admin", "the-new-secret"), // no such user in L1
                sandbox.appShell().payload("U3", "L1", "user", "the-new-secret"), // a user of another location
                "", "not-base64!", "U2FsdGVkX1" + "A".repeat(30));
        List<String> answers = new ArrayList<>();
        for (String payload : refused) {
            HttpResponse<String> r = signIn(payload);
            answers.add(r.statusCode() + " " + r.body() + " " + r.headers().firstValue("Content-Type").orElse(""));
        }
        HttpResponse<String> notJson = HTTP.send(HttpRequest.newBuilder(URI.create(page + "/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":")).build(), HttpResponse.BodyHandlers.ofString());
        answers.add(notJson.statusCode() + " " + notJson.body() + " "
                + notJson.headers().firstValue("Content-Type").orElse(""));
        assertEquals(1, answers.stream().distinct().count(), answers.toString());
        assertTrue(answers.get(0).startsWith("401 "), answers.get(0));
        assertEquals(401, view(null).statusCode());
        assertEquals(401, view("made-up-session").statusCode());
    }

    @Test
    void whenHighLevelCannotListTheUsersThePageIsToldToTryAgain() throws Exception {
        sandbox.faults().answerOnce("L3", new SandboxFaults.Canned("GET", "/users/", 502, List.of(), "text/html",
                "<html>Bad Gateway</html>"));
        HttpResponse<String> r = signIn(sandbox.appShell().payload("U5", "L3", "user", "the-new-secret"));
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("{\"error\":\"unavailable\"}", r.body());
        assertEquals(200, signIn(sandbox.appShell().payload("U5", "L3", "user", "the-new-secret")).statusCode());
    }

    static HttpResponse<String> post(String step, String session, Map<String, Object> form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(page + "/" + step)).header("Content-Type",
                "application/json").header("Authorization", "Bearer " + session).POST(HttpRequest.BodyPublishers
                        .ofString(JSON.writeValueAsString(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void afterFiveRefusedPasswordsAppleIsNotAskedAgainForAWhile() throws Exception {
        String bo = session("U2", "L1", "the-new-secret");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = post("calendars", bo, Map.of("appleId", "bob", "appPassword", "wrong-" + i));
            assertEquals(422, r.statusCode(), r.body());
            assertEquals("form-error", r.headers().firstValue("X-Connect-Target").orElse(""));
            assertTrue(r.body().contains("app-specific password"), r.body());
        }
        HttpResponse<String> held = post("calendars", bo, Map.of("appleId", "BOB", "appPassword",
                TestSecrets.APP_PASSWORD));
        assertEquals(429, held.statusCode(), "the right password waits too: " + held.body());
        HttpResponse<String> otherUser = post("calendars", session("U1", "L1", "the-new-secret"), Map.of("appleId",
                "bob", "appPassword", TestSecrets.APP_PASSWORD));
        assertEquals(429, otherUser.statusCode(), "the Apple ID is held, whoever asks: " + otherUser.body());
        assertEquals(401, post("calendars", "made-up-session", Map.of("appleId", "bob", "appPassword",
                TestSecrets.APP_PASSWORD)).statusCode());
    }

    @Test
    void anAdminOfTheLocationSeesEveryUserAndPausesOneAndNobodyElseCan() throws Exception {
        String eve = session("U4", "L1", "the-new-secret");
        assertEquals(200, post("calendars", eve, Map.of("appleId", "eve", "appPassword", TestSecrets.APP_PASSWORD))
                .statusCode());
        HttpResponse<String> connected = post("connect", eve, Map.of("appleId", "eve", "appPassword",
                TestSecrets.APP_PASSWORD, "linkedCalendar", server.baseUrl().resolve("/eve/team/").toString(),
                "conflictCalendars", List.of()));
        assertEquals(200, connected.statusCode(), connected.body());
        assertTrue(connected.body().contains("data-state=\"ok\"") && !connected.body().contains("id=\"team\""),
                "a user sees their own connection, and no one else's: " + connected.body());

        HttpResponse<String> ann = signIn(sandbox.appShell().payload("U1", "L1", "admin", "the-new-secret"));
        String admin = JSON.readTree(ann.body()).path("session").asText();
        String team = view(admin).body();
        assertTrue(team.contains("id=\"team\"") && team.contains("Eve Ek") && team.contains("Bo Berg")
                && team.contains("Not connected.") && !team.contains("Cy Cole"), team);
        HttpResponse<String> paused = post("connection/pause?user=U4", admin, Map.of());
        assertEquals(200, paused.statusCode(), paused.body());
        assertTrue(view(eve).body().contains("data-state=\"paused\""), "Eve's connection is paused");

        // a user who is not an admin, and an admin of another location, change nothing
        String bo = session("U2", "L1", "the-new-secret");
        assertEquals(403, post("connection/resume?user=U4", bo, Map.of()).statusCode());
        String di = JSON.readTree(signIn(sandbox.appShell().payload("U5", "L3", "admin", "the-new-secret")).body())
                .path("session").asText();
        assertEquals(404, post("connection/resume?user=U4", di, Map.of()).statusCode());
        assertFalse(view(di).body().contains("Eve Ek"), "nobody sees another location");
        assertEquals(403, post("connection/remove?user=U4", admin, Map.of()).statusCode(),
                "an admin pauses, resumes or disconnects another user, no more");
        assertTrue(view(eve).body().contains("data-state=\"paused\""));
        assertEquals(200, post("connection/resume?user=U4", admin, Map.of()).statusCode());
        assertTrue(view(eve).body().contains("data-state=\"ok\""));
    }

    @Test
    void theAgencyViewIsToldToOpenThePageFromASubAccount() throws Exception {
        HttpResponse<String> r = signIn(sandbox.appShell().payload("U1", null, "admin", "the-new-secret"));
        assertEquals(200, r.statusCode());
        JsonNode a = JSON.readTree(r.body());
        assertTrue(a.path("agency").asBoolean() && a.path("session").isMissingNode(), r.body());
        assertTrue(a.path("view").asText().contains("Open this page from a sub-account"), r.body());
    }

    @Test
    void thePageIsFramableByHighLevelOnlyAndRunsNoInlineScript() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors " + sandbox.appShell().origin()) && csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline"), csp);
        assertTrue(r.headers().firstValue("X-Frame-Options").isEmpty());
        assertFalse(r.body().replace("<script src=", "").contains("<script"), "no inline script: " + r.body());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(page + "/assets/app.js")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(page + "/assets/..%2Fmessages.properties"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }
}
