package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.sandbox.SandboxOAuth;
import io.hlbridge.testing.AdminClient;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.SubprocessBridge;
import io.hlbridge.testing.TestLogs;
import io.hlbridge.testing.TestSecrets;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge as a HighLevel Marketplace app (routes/oauth-*.camel.yaml, the INSTALL / UNINSTALL branch of
 * highlevel-webhook): installed the way an admin installs it (the install link, HighLevel's location chooser, the
 * callback, each followed as a browser follows a redirect), with access tokens that expire every few seconds.
 */
class RadicaleMarketplaceAppTest {
    static final Duration LONG = Duration.ofMinutes(4);
    static final Duration NORMAL = Duration.ofSeconds(30);
    static final int BURST = 300; // enough for the 3 s tokens to be renewed several times under load
    static final int BUSY_EVENTS = 40;

    CalDavServer server;
    FaultProxy proxy;
    HighLevelSandbox sandbox;
    URI work;
    URI personal;

    @BeforeEach
    void start() throws Exception {
        server = new RadicaleServer().start();
        work = server.mkcalendar(CalDavServer.USER, "work", "Work");
        personal = server.mkcalendar(CalDavServer.USER, "personal", "Personal");
        proxy = new FaultProxy(server.baseUrl());
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "Europe/Berlin", "pit-unused-" + System.nanoTime());
        sandbox.addUser("L1", "U1", "Alice Example", "alice@example.com");
        sandbox.addCalendar("RR1", "L1", "round_robin");
    }

    @AfterEach
    void stop() throws Exception {
        assertEquals(List.of(), sandbox.violations(), "requests that break HighLevel's OpenAPI specs");
        assertEquals(0, sandbox.tooManyRequests(), "requests answered 429");
        sandbox.close();
        proxy.close();
        server.close();
    }

    /** A bridge whose connection alice has no highlevel-token: the Marketplace installation of L1 gives it. */
    Map<String, String> properties(String name) throws Exception {
        Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(), Files.createTempDirectory(name));
        p.remove("connections.alice.highlevel-token");
        p.put("connections.alice.conflict-calendars", "Personal");
        p.put("highlevel.oauth.client-id", SandboxOAuth.CLIENT_ID);
        p.put("highlevel.oauth.client-secret", SandboxOAuth.CLIENT_SECRET);
        p.put("highlevel.oauth.redirect-uri", "http://127.0.0.1:" + p.get("camel.server.port") + "/oauth/callback");
        p.put("highlevel.oauth.authorize-url", sandbox.authorizeUrl().toString());
        p.put("highlevel.oauth.refresh-margin", "1s");
        p.put("bridge.secret-key", TestSecrets.SECRET_KEY);
        p.put("sync.poll-interval", "2s");
        return p;
    }

    /** The admin opens the install link; the browser follows HighLevel's redirects back to the callback's page. */
    static String install(Map<String, String> p, String userType) throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager()).build();
        URI at = URI.create("http://127.0.0.1:" + p.get("camel.server.port") + "/oauth/install"
                + (userType == null ? "" : "?user_type=" + userType));
        for (int hop = 0; hop < 3; hop++) {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(at).timeout(NORMAL).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 302) {
                assertEquals(200, r.statusCode(), r.body());
                Files.writeString(TestLogs.file("oauth-callback-" + System.nanoTime() + ".html").toPath(), r.body());
                return r.body();
            }
            at = at.resolve(r.headers().firstValue("Location").orElseThrow());
        }
        throw new AssertionError("the install did not end at the callback's page");
    }

    /** The app installed on L1 through the install link, and a first appointment booked; the admin API's client. */
    AdminClient installedOnL1(Map<String, String> p, BridgeHarness bridge) throws Exception {
        sandbox.setWebhookTarget(bridge.webhookUrl());
        sandbox.oauth().chooseLocation("L1", null);
        install(p, null);
        book(0, true);
        return new AdminClient(Integer.parseInt(p.get("camel.management.port")), null);
    }

    /** Until the install link answers (302, not 404): the routes of a bridge just started are running. */
    static void awaitLive(Map<String, String> p) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        Await.until(Duration.ofSeconds(60), () -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.get(
                        "camel.server.port") + "/oauth/install")).timeout(NORMAL).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException e) {
                return -1;
            }
        }, status -> status == 302, "the bridge's routes running");
    }

    String state(AdminClient admin) throws Exception {
        return admin.get("/connections/alice").json().path("state").path("status").asText();
    }

    ObjectNode book(int i, boolean webhook) throws Exception {
        String day = String.format("2026-12-%02d", 1 + i % 28);
        String hour = String.format("%02d", 8 + i % 10);
        return sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                "startTime", day + "T" + hour + ":00:00Z", "endTime", day + "T" + hour + ":30:00Z",
                "title", "Appointment " + i, "users", List.of()), webhook);
    }

    /** appointment id → number of resources in the Work calendar holding it. */
    Map<String, Integer> eventCounts() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String ics : server.events(work).values()) {
            int i = ics.indexOf("X-HL-APPOINTMENT-ID:");
            int end = ics.indexOf('\r', i) > 0 ? ics.indexOf('\r', i) : ics.indexOf('\n', i);
            counts.merge(ics.substring(i + 20, end).strip(), 1, Integer::sum);
        }
        return counts;
    }

    void putBusyEvent(int i) throws Exception {
        Instant start = Instant.parse("2026-12-15T06:00:00Z").plus(Duration.ofHours(i));
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nBEGIN:VEVENT\r\n"
                + "UID:busy-" + i + "\r\nDTSTAMP:20261101T120000Z\r\nDTSTART:" + utc(start) + "\r\nDTEND:"
                + utc(start.plus(Duration.ofMinutes(30))) + "\r\nSUMMARY:Busy " + i + "\r\nTRANSP:OPAQUE\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n";
        assertEquals(201, server.put(personal.resolve("busy-" + i + ".ics"), ics));
    }

    static String utc(Instant i) {
        return i.toString().replace("-", "").replace(":", "").replaceAll("\\.\\d+", "");
    }

    /** Delivers the webhooks from 4 threads; every one must be answered 200. */
    void deliverAll(List<HighLevelSandbox.SignedWebhook> hooks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (HighLevelSandbox.SignedWebhook w : hooks) {
            answers.add(pool.submit(() -> sandbox.deliver(w)));
        }
        for (Future<Integer> a : answers) {
            assertEquals(200, a.get());
        }
        pool.shutdown();
    }

    @Test
    void anInstalledAppSyncsBothWaysWhileItsTokensExpireEveryFewSeconds() throws Exception {
        sandbox.oauth().tokenLife(Duration.ofSeconds(3));
        Map<String, String> p = properties("bridge-oauth-burst-");
        try (BridgeHarness bridge = BridgeHarness.start(p)) {
            sandbox.setWebhookTarget(bridge.webhookUrl());
            AdminClient admin = new AdminClient(Integer.parseInt(p.get("camel.management.port")), null);
            assertEquals("needs-authorization", state(admin), "not installed yet");

            // INSTALL comes before the admin's browser brings the code (it may): recorded, still not authorized
            assertEquals(200, sandbox.deliver(sandbox.oauth().installWebhook(SandboxOAuth.APP_ID, "L1", "C1")));
            assertEquals("needs-authorization", state(admin));
            sandbox.oauth().chooseLocation("L1", null);
            String page = install(p, null);
            assertTrue(page.contains("U1") && page.contains("Alice Example"), "the page offers L1's users: " + page);
            Await.until(NORMAL, () -> state(admin), "ok"::equals, "alice syncs once the app is installed");
            assertEquals(200, sandbox.deliver(sandbox.oauth().installWebhook(SandboxOAuth.APP_ID, "L1", "C1")),
                    "a repeated INSTALL changes nothing");

            long started = System.currentTimeMillis();
            for (int i = 0; i < BUSY_EVENTS; i++) {
                putBusyEvent(i);
            }
            List<HighLevelSandbox.SignedWebhook> hooks = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                hooks.add(sandbox.webhook("AppointmentCreate", book(i, false)));
            }
            deliverAll(hooks);
            Map<String, Integer> counts = Await.until(LONG, this::eventCounts, c -> c.size() == BURST,
                    BURST + " appointments in iCloud");
            assertTrue(counts.values().stream().allMatch(n -> n == 1), "each appointment exactly once: " + counts);
            List<String> slots = Await.until(LONG, () -> sandbox.blockedSlotTimes("U1"), s -> s.size() >= BUSY_EVENTS,
                    BUSY_EVENTS + " blocked slots");
            bridge.awaitAnotherPoll(); // nothing made twice
            assertEquals(BUSY_EVENTS, sandbox.blockedSlotTimes("U1").size(), "each slot exactly once: " + slots);
            assertEquals(BUSY_EVENTS, new java.util.HashSet<>(sandbox.blockedSlotTimes("U1")).size());
            long took = System.currentTimeMillis() - started;

            long refreshes = sandbox.oauth().refreshes("L1");
            System.out.printf("OAuth burst: %d appointments and %d slots in %d ms, %d refreshes of a 3 s token,"
                    + " %d HighLevel API requests%n", BURST, BUSY_EVENTS, took, refreshes,
                    sandbox.requestTimes("L1").size());
            assertTrue(took > 10_000 && refreshes >= 3, "tokens were renewed during the burst (" + refreshes
                    + " refreshes in " + took + " ms)");
            // a refresh only once the token has less than the margin (1 s) of its 3 s left: at most one per 2 s
            assertTrue(refreshes <= took / 2_000 + 2, refreshes + " refreshes in " + took + " ms: more than one per"
                    + " expiry");
            assertEquals(0, sandbox.oauth().reusedRefreshTokens(), "refresh tokens presented twice");
            assertEquals(0, sandbox.oauth().expiredTokenRequests(), "requests sent with an expired token");
            assertEquals(0, sandbox.unauthorized(), "requests answered 401");
            // the tokens in the store are sealed: neither the last access nor refresh token is readable there
            List<String> stored = bridge.database().query("SELECT access_token, refresh_token FROM"
                    + " oauth_installation WHERE resource_id = 'L1'", ps -> { }, rs -> rs.getString(1) + rs.getString(2));
            assertEquals(1, stored.size());
            assertFalse(stored.get(0).contains("at-") || stored.get(0).contains("rt-"), "tokens stored sealed");
        }
    }

    @Test
    void aCallbackThisBrowserDidNotStartIsRefusedBeforeAnyTokenRequest() throws Exception {
        Map<String, String> p = properties("bridge-oauth-state-");
        try (BridgeHarness bridge = BridgeHarness.start(p)) {
            sandbox.oauth().chooseLocation("L1", null);
            HttpClient admin = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .cookieHandler(new CookieManager()).build();
            HttpClient other = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            URI install = URI.create("http://127.0.0.1:" + p.get("camel.server.port") + "/oauth/install");
            HttpResponse<Void> started = admin.send(HttpRequest.newBuilder(install).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(Optional.of("no-store"), started.headers().firstValue("Cache-Control"),
                    "no cache keeps the redirect that carries this browser's state");
            URI chooser = URI.create(started.headers().firstValue("Location").orElseThrow());
            assertFalse(chooser.getQuery().contains("state=location"), "the state is not the user type: " + chooser);
            URI callback = install.resolve(admin.send(HttpRequest.newBuilder(chooser).build(),
                    HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow());
            long before = sandbox.oauth().tokenRequests();

            // the code and state carried to another browser (CSRF: the victim would install the attacker's location)
            HttpResponse<String> refused = other.send(HttpRequest.newBuilder(callback).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, refused.statusCode());
            assertEquals(Optional.of("no-store"), refused.headers().firstValue("Cache-Control"));
            String query = callback.getQuery();
            for (int i = 0; i < 40; i++) { // junk callbacks, as a scanner sends them
                URI junk = install.resolve("/oauth/callback?" + query.replaceAll("state=[^&]*", "state=anything" + i));
                assertEquals(400, admin.send(HttpRequest.newBuilder(junk).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode());
            }
            assertEquals(before, sandbox.oauth().tokenRequests(), "no token request carried the client secret");

            // the browser that started it finishes it, once
            HttpResponse<String> done = admin.send(HttpRequest.newBuilder(callback).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, done.statusCode(), done.body());
            assertEquals(Optional.of("no-store"), done.headers().firstValue("Cache-Control"));
            long after = sandbox.oauth().tokenRequests();
            assertEquals(400, admin.send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(), "a state is used once");
            assertEquals(after, sandbox.oauth().tokenRequests(), "the replay made no token request");
        }
    }

    @Test
    void aRefusedRefreshTokenHoldsTheConnectionWithoutRetryingUntilTheAppIsInstalledAgain() throws Exception {
        Map<String, String> p = properties("bridge-oauth-grant-");
        try (BridgeHarness bridge = BridgeHarness.start(p)) {
            AdminClient admin = installedOnL1(p, bridge);
            Await.until(NORMAL, this::eventCounts, c -> c.size() == 1, "the first appointment");

            // HighLevel revokes the refresh token and the access token expires: invalid_grant, no agency
            sandbox.oauth().revokeRefreshTokens("L1");
            sandbox.oauth().expireAccessTokens("L1");
            for (int i = 1; i <= 3; i++) {
                book(i, true);
            }
            Await.until(NORMAL, () -> state(admin), "needs-authorization"::equals, "alice needs authorization");
            String reason = admin.get("/connections/alice").json().path("state").path("reason").asText();
            assertTrue(reason.contains("refresh token") && reason.contains("install"), reason);
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + p.get("camel.management.port") + "/observe/health/ready?data=true"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("connection.alice") && ready.body().contains("needs-authorization"),
                    ready.body());

            long tokenRequests = sandbox.oauth().tokenRequests();
            long apiRequests = sandbox.requestTimes("L1").size();
            book(4, true);
            Thread.sleep(8_000); // past the bridge's 5 s recheck and several sweeps and polls
            assertEquals(tokenRequests, sandbox.oauth().tokenRequests(), "no token request until re-authorized");
            assertEquals(apiRequests, sandbox.requestTimes("L1").size(), "no HighLevel request with no token");
            assertEquals(1, eventCounts().size());

            sandbox.oauth().chooseLocation("L1", null);
            install(p, null);
            Await.until(NORMAL, () -> state(admin), "ok"::equals, "alice syncs again after the new install");
            Map<String, Integer> counts = Await.until(NORMAL, this::eventCounts, c -> c.size() == 5,
                    "the appointments that waited");
            assertTrue(counts.values().stream().allMatch(n -> n == 1), counts.toString());
        }
    }

    @Test
    void uninstallStopsEveryRequestForTheLocationAndDeletesItsTokens() throws Exception {
        Map<String, String> p = properties("bridge-oauth-uninstall-");
        try (BridgeHarness bridge = BridgeHarness.start(p)) {
            AdminClient admin = installedOnL1(p, bridge);
            putBusyEvent(0);
            Await.until(NORMAL, this::eventCounts, c -> c.size() == 1, "the first appointment");
            Await.until(NORMAL, () -> sandbox.blockedSlotTimes("U1"), s -> s.size() == 1, "the first slot");

            assertEquals(403, sandbox.deliver(sandbox.oauth().uninstallWebhook("another-app", "L9", null)),
                    "another app's UNINSTALL is refused");
            assertEquals("ok", state(admin));
            assertEquals(200, sandbox.deliver(sandbox.oauth().uninstallWebhook(SandboxOAuth.APP_ID, "L1", null)));
            assertEquals("needs-authorization", state(admin), "stopped at once");
            assertTrue(admin.get("/connections/alice").json().path("state").path("reason").asText()
                    .contains("uninstalled"));
            List<String> row = bridge.database().query("SELECT state, access_token, refresh_token FROM"
                    + " oauth_installation WHERE resource_id = 'L1'", ps -> { }, rs -> rs.getString(1) + ","
                    + rs.getString(2) + "," + rs.getString(3));
            assertEquals(List.of("UNINSTALLED,null,null"), row, "its tokens are deleted");

            bridge.awaitIdle("poll-apple-id", "poll-calendar", "highlevel-to-icloud"); // what was under way ended
            long caldav = proxy.requests();
            long highLevel = sandbox.requestTimes("L1").size() + sandbox.oauth().tokenRequests();
            NotifyBuilder threeRounds = bridge.exchanges("icloud-to-highlevel", 3);
            putBusyEvent(1);
            BridgeHarness.await(threeRounds);
            assertEquals(caldav, proxy.requests(), "no CalDAV request for the uninstalled location");
            assertEquals(highLevel, sandbox.requestTimes("L1").size() + sandbox.oauth().tokenRequests(),
                    "no HighLevel request for it");
            assertEquals(1, eventCounts().size(), "what is in iCloud stays");
        }
    }

    @Test
    void aReplayedUninstallWithoutTimestampDoesNotUndoTheNextInstall() throws Exception {
        Map<String, String> p = properties("bridge-oauth-uninstall-replay-");
        try (BridgeHarness bridge = BridgeHarness.start(p)) {
            AdminClient admin = installedOnL1(p, bridge);
            Await.until(NORMAL, () -> state(admin), "ok"::equals, "alice syncs");
            HighLevelSandbox.SignedWebhook uninstall = sandbox.oauth().uninstallWebhook(SandboxOAuth.APP_ID, "L1",
                    null, false); // as AppUninstall.md shows it: no timestamp, no webhookId
            assertEquals(200, sandbox.deliver(uninstall));
            assertEquals("needs-authorization", state(admin), "the genuine UNINSTALL stops it");

            sandbox.oauth().chooseLocation("L1", null);
            install(p, null);
            Await.until(NORMAL, () -> state(admin), "ok"::equals, "alice syncs after the new install");
            assertEquals(200, sandbox.deliver(uninstall), "a replay is answered as HighLevel expects");
            assertEquals("ok", state(admin), "the replay, older than the installation, changes nothing");
            List<String> row = bridge.database().query("SELECT state FROM oauth_installation WHERE resource_id = 'L1'",
                    ps -> { }, rs -> rs.getString(1));
            assertEquals(List.of("AUTHORIZED"), row);
        }
    }

    @Test
    void aLocationTheAgencyInstallsLaterSyncsOnMintedTokensAndStopsWithTheAgencysUninstall() throws Exception {
        Map<String, String> p = properties("bridge-oauth-agency-");
        try (BridgeHarness bridge = BridgeHarness.start(p)) {
            sandbox.setWebhookTarget(bridge.webhookUrl());
            AdminClient admin = new AdminClient(Integer.parseInt(p.get("camel.management.port")), null);
            sandbox.oauth().chooseCompany("C1", List.of());
            assertTrue(install(p, "Company").contains("C1"));
            assertEquals("needs-authorization", state(admin), "L1 is not among the agency's locations yet");

            // the agency installs the app on L1 later: HighLevel sends INSTALL naming the agency
            sandbox.oauth().addCompanyLocation("C1", "L1");
            assertEquals(200, sandbox.deliver(sandbox.oauth().installWebhook(SandboxOAuth.APP_ID, "L1", "C1")));
            Await.until(NORMAL, () -> state(admin), "ok"::equals, "alice syncs on L1's minted token");
            String a1 = book(1, true).get("id").asText();
            putBusyEvent(0);
            Await.until(NORMAL, this::eventCounts, c -> c.containsKey(a1), "an appointment written with a minted token");
            Await.until(NORMAL, () -> sandbox.blockedSlotTimes("U1"), s -> s.size() == 1, "a slot made with it");
            assertTrue(sandbox.oauth().mints() >= 1, "L1's token was minted from the agency's");
            assertEquals(0, sandbox.oauth().refreshes("L1"), "a minted location token is never refreshed");

            // the agency uninstalls: the locations whose tokens it minted stop with it
            assertEquals(200, sandbox.deliver(sandbox.oauth().uninstallWebhook(SandboxOAuth.APP_ID, null, "C1")));
            assertEquals("needs-authorization", state(admin));
            assertEquals(List.of("UNINSTALLED,null,null", "UNINSTALLED,null,null"), bridge.database().query(
                    "SELECT state, access_token, refresh_token FROM oauth_installation ORDER BY resource_id",
                    ps -> { }, rs -> rs.getString(1) + "," + rs.getString(2) + "," + rs.getString(3)));
            bridge.awaitIdle("poll-apple-id", "poll-calendar", "highlevel-to-icloud");
            long caldav = proxy.requests();
            long highLevel = sandbox.requestTimes("L1").size() + sandbox.oauth().tokenRequests();
            BridgeHarness.await(bridge.exchanges("icloud-to-highlevel", 3), bridge.exchanges("inbox-sweeper", 10));
            assertEquals(caldav, proxy.requests(), "no CalDAV request after the agency's UNINSTALL");
            assertEquals(highLevel, sandbox.requestTimes("L1").size() + sandbox.oauth().tokenRequests());
        }
    }

    @Test
    void aBridgeKilledRightAfterARefreshRecoversTheInstallationThroughItsAgency() throws Exception {
        Map<String, String> p = properties("bridge-oauth-kill-");
        p.put("sync.poll-interval", "60s");
        try (SubprocessBridge first = new SubprocessBridge(p).start()) {
            awaitLive(p); // its port is bound before its routes have started
            sandbox.setWebhookTarget(first.webhookUrl());
            sandbox.oauth().chooseCompany("C1", List.of("L1"));
            assertTrue(install(p, "Company").contains("C1"));
            sandbox.oauth().chooseLocation("L1", "C1");
            install(p, "Location");
            String a1 = book(1, true).get("id").asText();
            Await.until(NORMAL, this::eventCounts, c -> c.containsKey(a1), "the first appointment");

            // the next refresh spends L1's refresh token, then the bridge dies before it hears the answer
            sandbox.oauth().afterNextRefresh(() -> {
                try {
                    first.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sandbox.oauth().expireAccessTokens("L1");
            String a2 = book(2, true).get("id").asText();
            Await.until(NORMAL, () -> first.alive(), alive -> !alive, "the bridge killed mid-refresh");
            assertEquals(1, sandbox.oauth().refreshes("L1"));

            try (SubprocessBridge second = new SubprocessBridge(p).start()) {
                sandbox.setWebhookTarget(second.webhookUrl());
                Map<String, Integer> counts = Await.until(NORMAL, this::eventCounts, c -> c.containsKey(a2),
                        "the appointment whose work was cut off by the kill");
                assertEquals(Map.of(a1, 1, a2, 1), counts);
                assertTrue(sandbox.oauth().mints() >= 1, "the agency minted L1's token");
                String a3 = book(3, true).get("id").asText();
                Await.until(NORMAL, this::eventCounts, c -> c.containsKey(a3), "an appointment after the recovery");
                assertEquals(1, sandbox.oauth().reusedRefreshTokens(), "the spent refresh token was tried once,"
                        + " refused, and dropped");
                second.terminate(NORMAL);
            }
        }
    }
}
