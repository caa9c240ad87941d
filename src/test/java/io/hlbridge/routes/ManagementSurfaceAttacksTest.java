package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.Ports;
import io.hlbridge.testing.RawHttp;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * The management port (admin API, status page) and the webhook port, attacked through the operator's own browser and
 * through a proxy that forwards only some paths: DNS rebinding, cross-site forms and fetches, h2c and HTTP/2 prior
 * knowledge, Content-Length beside Transfer-Encoding; and the status page's sessions. The CalDAV server is never
 * reached (the surface is what is tested): connection alice points at a closed port.
 */
class ManagementSurfaceAttacksTest {
    private static final String NEW_CONNECTION = "{\"name\":\"mallory\",\"locationId\":\"L1\",\"userId\":\"U9\","
            + "\"appleId\":\"m@example.com\",\"appPassword\":\"abcd-efgh-ijkl-mnop\",\"linkedCalendar\":\"Work\","
            + "\"highlevelToken\":\"pit-x\"}";

    private static Map<String, String> properties(HighLevelSandbox sandbox, Path dir) throws Exception {
        return BridgeHarness.properties(sandbox, java.net.URI.create("http://127.0.0.1:" + Ports.free() + "/"), dir);
    }

    private static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    private static String post(String path, String host, String type, String body, String... headers) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + body.length() + "\r\n" + String.join("", headers) + "Connection: close\r\n\r\n" + body;
    }

    @Test
    void withoutATokenTheLoopbackTrustCannotBeBorrowed() throws Exception {
        Path dir = Files.createTempDirectory("attacks-");
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            Map<String, String> p = properties(sandbox, dir);
            int mgmt = Integer.parseInt(p.get("camel.management.port"));
            int webhook = Integer.parseInt(p.get("camel.server.port"));
            String self = "127.0.0.1:" + mgmt;
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                RawHttp.Answer list = RawHttp.send(mgmt, get("/admin/api/connections", self));
                assertEquals(200, list.status(), list.text());
                assertTrue(list.text().contains("alice"), list.text());
                assertEquals(200, RawHttp.send(mgmt, get("/admin/api/connections", "localhost:" + mgmt)).status());

                // DNS rebinding: the attacker's name now points at 127.0.0.1
                RawHttp.Answer rebound = RawHttp.send(mgmt, get("/admin/api/connections", "rebind.attacker.example:" + mgmt));
                assertEquals(403, rebound.status(), rebound.text());
                assertFalse(rebound.text().contains("alice"), rebound.text());
                assertEquals(403, RawHttp.send(mgmt, get("/status", "rebind.attacker.example")).status());

                // another site's form: text/plain is a "simple" request a browser sends without asking
                RawHttp.Answer form = RawHttp.send(mgmt, post("/admin/api/connections", self, "text/plain",
                        NEW_CONNECTION));
                assertEquals(415, form.status(), form.text());
                RawHttp.Answer foreign = RawHttp.send(mgmt, post("/admin/api/connections", self, "application/json",
                        NEW_CONNECTION, "Origin: https://attacker.example\r\n"));
                assertEquals(403, foreign.status(), foreign.text());
                RawHttp.Answer crossSite = RawHttp.send(mgmt, post("/admin/api/connections", self, "application/json",
                        NEW_CONNECTION, "Sec-Fetch-Site: cross-site\r\n"));
                assertEquals(403, crossSite.status(), crossSite.text());
                assertFalse(RawHttp.send(mgmt, get("/admin/api/connections", self)).text().contains("mallory"),
                        "no connection was made");

                // the status page's Retry button, pressed from another site: no CSRF token
                RawHttp.Answer retry = RawHttp.send(mgmt, post("/status/inbox/1/retry", self,
                        "application/x-www-form-urlencoded", ""));
                assertEquals(403, retry.status(), retry.text());
                RawHttp.Answer page = RawHttp.send(mgmt, get("/status", self));
                assertEquals(200, page.status(), page.text());
                assertEquals("nosniff", page.header("X-Content-Type-Options"));
                assertNotNull(page.header("Referrer-Policy"), page.text());
                assertEquals("nosniff", list.header("X-Content-Type-Options"));

                // a proxy that forwards only /observe/*: an h2c upgrade there must not open the rest
                for (int port : new int[] {mgmt, webhook}) {
                    RawHttp.Answer upgrade = RawHttp.send(port, "GET /observe/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n",
                            RawHttp.http2Get("127.0.0.1", "/admin/api/connections"));
                    assertNotEquals(101, upgrade.status(), "h2c upgrade on port " + port + ": " + upgrade.text());
                    assertFalse(upgrade.text().contains("linkedCalendar"), "the connection list: " + upgrade.text());
                    RawHttp.Answer prior = RawHttp.send(port, "", RawHttp.http2Get("127.0.0.1", "/admin/api/connections"));
                    assertFalse(prior.text().contains("linkedCalendar"), "HTTP/2 prior knowledge on port " + port
                            + ": " + prior.text());
                }

                // Content-Length beside Transfer-Encoding (request smuggling): refused, the connection closed
                for (String path : new String[] {"127.0.0.1:" + mgmt + "/admin/api/connections",
                        "127.0.0.1:" + webhook + "/webhooks/highlevel"}) {
                    int port = Integer.parseInt(path.substring(10, path.indexOf('/')));
                    RawHttp.Answer both = RawHttp.send(port, "POST " + path.substring(path.indexOf('/'))
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
                    assertEquals(400, both.status(), path + ": " + both.text());
                    assertTrue(both.closed(), path + ": the connection is closed after the answer: " + both.text());
                }
            }
        }
    }

    @Test
    void theStatusPagesSessionIsRandomExpiresEndsAndOpensThePageOnly() throws Exception {
        Path dir = Files.createTempDirectory("sessions-");
        try (HighLevelSandbox sandbox = new HighLevelSandbox()) {
            Map<String, String> p = properties(sandbox, dir);
            p.put("bridge.admin.token", TestSecrets.ADMIN_TOKEN);
            int mgmt = Integer.parseInt(p.get("camel.management.port"));
            String self = "127.0.0.1:" + mgmt;
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                String signIn = "token=" + TestSecrets.ADMIN_TOKEN;
                RawHttp.Answer first = RawHttp.send(mgmt, post("/status/login", self,
                        "application/x-www-form-urlencoded", signIn));
                RawHttp.Answer second = RawHttp.send(mgmt, post("/status/login", self,
                        "application/x-www-form-urlencoded", signIn));
                assertEquals(303, first.status(), first.text());
                String cookie1 = first.header("Set-Cookie");
                String cookie2 = second.header("Set-Cookie");
                assertNotNull(cookie1, first.text());
                assertNotEquals(value(cookie1), value(cookie2), "a new session per sign-in");
                assertTrue(cookie1.contains("Max-Age="), "the session expires: " + cookie1);
                assertTrue(cookie1.toLowerCase().contains("httponly") && cookie1.contains("SameSite=Strict"), cookie1);
                String session = "Cookie: " + value(cookie1) + "\r\n";

                RawHttp.Answer page = RawHttp.send(mgmt, "GET /status HTTP/1.1\r\nHost: " + self + "\r\n" + session
                        + "Connection: close\r\n\r\n");
                assertEquals(200, page.status(), page.text());
                RawHttp.Answer api = RawHttp.send(mgmt, "GET /admin/api/connections HTTP/1.1\r\nHost: " + self + "\r\n"
                        + session + "Connection: close\r\n\r\n");
                assertEquals(401, api.status(), "the page's session does not open the API: " + api.text());
                assertEquals(200, RawHttp.send(mgmt, "GET /status HTTP/1.1\r\nHost: " + self + "\r\nAuthorization: Bearer "
                        + TestSecrets.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n").status(), "a script's bearer opens the page");

                String csrf = page.text().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
                assertNotEquals(page.text(), csrf, "the page's forms carry a CSRF token");
                RawHttp.Answer out = RawHttp.send(mgmt, post("/status/logout", self,
                        "application/x-www-form-urlencoded", "csrf=" + csrf, session));
                assertEquals(303, out.status(), out.text());
                RawHttp.Answer after = RawHttp.send(mgmt, "GET /status HTTP/1.1\r\nHost: " + self + "\r\n" + session
                        + "Connection: close\r\n\r\n");
                assertEquals(401, after.status(), "signed out, the old cookie opens nothing: " + after.text());
                assertFalse(first.text().contains(TestSecrets.ADMIN_TOKEN) || page.text().contains(
                        TestSecrets.ADMIN_TOKEN), "the token is never sent back");
            }
        }
    }

    private static String value(String setCookie) {
        return setCookie.split(";", 2)[0];
    }
}
