package io.hlbridge.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.highlevel.UserContextCipher;

/**
 * HighLevel's app shell, as a Custom Page sees it: a page on another site ({@code localhost}, while the bridge is
 * reached as {@code 127.0.0.1}) that frames the page and answers its {@code REQUEST_USER_DATA} with the user context
 * encrypted as HighLevel does (CryptoJS's passphrase mode) under the app's Shared Secret, for the user, role and
 * location a test chooses ({@code GET /app-shell?page=&user=&location=&role=}; no location: the agency view).
 */
public final class SandboxAppShell {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HighLevelSandbox sandbox;
    private volatile String sharedSecret = "sandbox-shared-secret";

    SandboxAppShell(HighLevelSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The app's Shared Secret, as the bridge must be configured with it (highlevel.oauth.shared-secret). */
    public String sharedSecret() {
        return sharedSecret;
    }

    /** A new Shared Secret, as an app developer generates one (a rotation). */
    public void rotate(String secret) {
        sharedSecret = secret;
    }

    /** Where a browser opens {@code page} inside the shell, signed in as the user (location null: agency view). */
    public URI url(URI page, String userId, String locationId, String role) {
        String query = "page=" + enc(page.toString()) + "&user=" + enc(userId) + "&role=" + enc(role)
                + (locationId == null ? "" : "&location=" + enc(locationId));
        return URI.create("http://localhost:" + sandbox.url().getPort() + "/app-shell?" + query);
    }

    /** The origin the shell is served from, for highlevel.custom-page.frame-ancestors. */
    public String origin() {
        return "http://localhost:" + sandbox.url().getPort();
    }

    /** The user context HighLevel would give for the user, encrypted under {@code secret}. */
    public String payload(String userId, String locationId, String role, String secret) throws Exception {
        ObjectNode c = JSON.createObjectNode().put("userId", userId).put("companyId", "sandbox-company")
                .put("role", role).put("type", locationId == null ? "agency" : "location");
        if (locationId != null) {
            c.put("activeLocation", locationId);
        }
        sandbox.user(userId).ifPresent(u -> c.put("userName", u.path("name").asText())
                .put("email", u.path("email").asText()));
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        return UserContextCipher.encrypt(JSON.writeValueAsString(c), secret, salt);
    }

    /** The shell's HTML; null when the query names no page or user. */
    String serve(Map<String, List<String>> query) throws Exception {
        String page = HighLevelSandbox.first(query, "page");
        String user = HighLevelSandbox.first(query, "user");
        if (page == null || user == null) {
            return null;
        }
        String payload = payload(user, HighLevelSandbox.first(query, "location"),
                HighLevelSandbox.first(query, "role") == null ? "user" : HighLevelSandbox.first(query, "role"),
                sharedSecret);
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>HighLevel</title>"
                + "<style>body{margin:0}iframe{border:0;width:100%;height:100vh}</style></head><body>"
                + "<iframe id=\"app\" title=\"Connect your iCloud calendar\" src=\"" + attribute(page) + "\"></iframe>"
                + "<script>var payload = " + JSON.writeValueAsString(payload) + ";"
                + "var frame = document.getElementById('app');"
                + "window.addEventListener('message', function (e) {"
                + "  if (e.source === frame.contentWindow && e.data && e.data.message === 'REQUEST_USER_DATA') {"
                + "    frame.contentWindow.postMessage({ message: 'REQUEST_USER_DATA_RESPONSE', payload: payload }, '*');"
                + "  }"
                + "});</script></body></html>";
        return html;
    }

    private static String attribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
