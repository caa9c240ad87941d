package io.hlbridge.caldav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hlbridge.connections.Connection;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client follows redirects itself, and sends the Apple ID's credentials only to the configured host or to
 * https://*.icloud.com: two real HTTP servers on different loopback addresses stand for iCloud and a stranger.
 */
class CalDavRedirectTest {
    private static final String MULTISTATUS = "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/cal/</d:href>"
            + "<d:propstat><d:prop><d:getetag>\"e1\"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status>"
            + "</d:propstat></d:response></d:multistatus>";
    private static final Connection ALICE = new Connection("alice", "L1", "U1", TestSecrets.HIGHLEVEL_TOKEN,
            "alice@icloud.com", TestSecrets.APP_PASSWORD, "Work", List.of(), null, null);

    /** Authorization header each server saw, per path ("-" when none). */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private HttpServer configured;
    private HttpServer stranger;

    @AfterEach
    void stop() {
        for (HttpServer s : new HttpServer[] {configured, stranger}) {
            if (s != null) {
                s.stop(0);
            }
        }
    }

    private HttpServer start(String address, String name, String redirectTo) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(address, 0), 8);
        s.createContext("/", x -> answer(x, name, redirectTo));
        s.start();
        return s;
    }

    private void answer(HttpExchange x, String name, String redirectTo) throws IOException {
        try (x) {
            x.getRequestBody().readAllBytes();
            String auth = x.getRequestHeaders().getFirst("Authorization");
            seen.put(name + x.getRequestURI().getPath(), auth == null ? "-" : auth);
            if (x.getRequestURI().getPath().equals("/start/") && redirectTo != null) {
                x.getResponseHeaders().add("Location", redirectTo);
                x.sendResponseHeaders(301, -1);
                return;
            }
            if (auth == null) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"x\"");
                x.sendResponseHeaders(401, -1);
                return;
            }
            byte[] b = MULTISTATUS.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(207, b.length);
            x.getResponseBody().write(b);
        }
    }

    private static URI url(HttpServer s, String path) {
        return URI.create("http://" + s.getAddress().getAddress().getHostAddress() + ":" + s.getAddress().getPort() + path);
    }

    @Test
    void aRedirectOnTheConfiguredHostKeepsTheCredentials() throws Exception {
        stranger = start("127.0.0.2", "stranger", null);
        configured = start("127.0.0.1", "configured", "/moved/");
        CalDavClient client = new CalDavClient(url(configured, "/"), Duration.ofSeconds(10), 16L << 20);
        List<Multistatus.Response> r = client.propfind(ALICE, url(configured, "/start/"), 0, "<propfind/>");
        assertEquals(1, r.size());
        assertTrue(seen.get("configured/start/").startsWith("Basic "));
        assertTrue(seen.get("configured/moved/").startsWith("Basic "), "followed, with the credentials");
    }

    @Test
    void aRedirectToAnotherHostGetsNoCredentialsAndSaysWhy() throws Exception {
        stranger = start("127.0.0.2", "stranger", null);
        configured = start("127.0.0.1", "configured", url(stranger, "/elsewhere/").toString());
        CalDavClient client = new CalDavClient(url(configured, "/"), Duration.ofSeconds(10), 16L << 20);
        CalDavException e = assertThrows(CalDavException.class,
                () -> client.propfind(ALICE, url(configured, "/start/"), 0, "<propfind/>"));
        assertEquals("-", seen.get("stranger/elsewhere/"), "the stranger never saw the credentials");
        assertFalse(e instanceof CalDavException.Unauthorized, "not the password's fault: the connection stays usable");
        assertTrue(e.getMessage().contains("127.0.0.2") && e.getMessage().contains("not trusted"), e.getMessage());
        assertFalse(e.getMessage().contains(TestSecrets.APP_PASSWORD));
    }

    @Test
    void aRedirectToAnotherPortOfTheSameHostGetsNoCredentials() throws Exception {
        stranger = start("127.0.0.1", "stranger", null);
        configured = start("127.0.0.1", "configured", url(stranger, "/elsewhere/").toString());
        CalDavClient client = new CalDavClient(url(configured, "/"), Duration.ofSeconds(10), 16L << 20);
        CalDavException e = assertThrows(CalDavException.class,
                () -> client.propfind(ALICE, url(configured, "/start/"), 0, "<propfind/>"));
        assertEquals("-", seen.get("stranger/elsewhere/"), "another port is another server: no credentials");
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    }

    @Test
    void onlyTheConfiguredHostAndICloudOverHttpsAreTrusted() {
        CalDavClient icloud = new CalDavClient(URI.create("https://caldav.icloud.com/"), Duration.ofSeconds(10), 16L << 20);
        assertTrue(icloud.mayReceiveCredentials(URI.create("https://caldav.icloud.com/123/principal/")));
        assertTrue(icloud.mayReceiveCredentials(URI.create("https://p29-caldav.icloud.com/123/calendars/")));
        assertFalse(icloud.mayReceiveCredentials(URI.create("http://p29-caldav.icloud.com/123/calendars/")), "downgrade");
        assertFalse(icloud.mayReceiveCredentials(URI.create("http://caldav.icloud.com/")), "downgrade on the same host");
        assertFalse(icloud.mayReceiveCredentials(URI.create("https://p29-caldav.icloud.com:8443/123/")), "another port");
        assertFalse(icloud.mayReceiveCredentials(URI.create("https://evil-icloud.com/")));
        assertFalse(icloud.mayReceiveCredentials(URI.create("https://caldav.icloud.com.evil.org/")));
        assertNull(URI.create("https:///nohost").getHost());
        assertFalse(icloud.mayReceiveCredentials(URI.create("https:///nohost")));
    }
}
