package io.hlbridge.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.config.UserType;
import io.hlbridge.http.HttpTransport;
import io.hlbridge.http.Redaction;

/**
 * HighLevel's OAuth endpoints ({@code oauth.json}): the code exchange and refresh ({@code POST /oauth/token}, form
 * body), an agency's location tokens ({@code POST /oauth/locationToken}) and installed locations ({@code GET
 * /oauth/installedLocations}). They are not rate-limited per location, so they bypass the location budget.
 */
public class TokenEndpoint {
    static final String VERSION = "2021-07-28";
    private static final int PAGE = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final OAuthSettings settings;
    private final HttpTransport http;
    private final String apiUrl;

    public TokenEndpoint(OAuthSettings settings) {
        this.settings = settings;
        this.http = new HttpTransport(8, settings.timeout(), settings.maxAnswerBytes());
        String url = settings.apiUrl().toString();
        this.apiUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The browser came back with {@code code}: its tokens. */
    public TokenGrant exchangeCode(String code, UserType type) throws TokenRefused, IOException {
        Map<String, String> form = client();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("user_type", type.written());
        form.put("redirect_uri", settings.redirectUri().toString());
        return grant(post("/oauth/token", form, null, code));
    }

    /** A new access token and a new refresh token for {@code refreshToken}, which is spent by this call. */
    public TokenGrant refresh(String refreshToken, String userType) throws TokenRefused, IOException {
        Map<String, String> form = client();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("user_type", userType);
        return grant(post("/oauth/token", form, null, refreshToken));
    }

    /** A location token minted from the agency's token. */
    public TokenGrant mintLocationToken(String companyToken, String companyId, String locationId)
            throws TokenRefused, IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("companyId", companyId);
        form.put("locationId", locationId);
        TokenGrant g = grant(post("/oauth/locationToken", form, companyToken, null));
        return new TokenGrant(g.accessToken(), null, g.expiresInSeconds(), "Location", companyId,
                g.locationId() == null ? locationId : g.locationId(), List.of());
    }

    /** Every location of the agency the app is installed on, page by page. */
    public List<String> installedLocations(String companyToken, String companyId) throws TokenRefused, IOException {
        List<String> ids = new ArrayList<>();
        for (int skip = 0;; skip += PAGE) {
            String query = "?companyId=" + enc(companyId) + "&appId=" + enc(settings.appId()) + "&isInstalled=true"
                    + "&skip=" + skip + "&limit=" + PAGE;
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + companyToken);
            headers.put("Version", VERSION);
            headers.put("Accept", "application/json");
            JsonNode page = answer(http.exchange("GET", URI.create(apiUrl + "/oauth/installedLocations" + query),
                    headers, null), "GET /oauth/installedLocations", companyToken);
            int before = ids.size();
            page.path("locations").forEach(l -> {
                String id = l.path("_id").asText(l.path("id").asText(""));
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            });
            if (ids.size() - before < PAGE) {
                return ids;
            }
        }
    }

    private Map<String, String> client() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        return form;
    }

    private JsonNode post(String path, Map<String, String> form, String bearer, String spent)
            throws TokenRefused, IOException {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
            headers.put("Version", VERSION);
        }
        return answer(http.exchange("POST", URI.create(apiUrl + path), headers,
                body.toString().getBytes(StandardCharsets.UTF_8)), "POST " + path, bearer, spent);
    }

    private JsonNode answer(HttpTransport.Answer a, String what, String... secrets) throws TokenRefused {
        String[] hidden = new String[secrets.length + 1];
        System.arraycopy(secrets, 0, hidden, 0, secrets.length);
        hidden[secrets.length] = settings.clientSecret();
        JsonNode body;
        try {
            body = a.body().length == 0 ? json.createObjectNode() : json.readTree(a.body());
        } catch (IOException e) {
            throw new TokenRefused(a.status() / 100 == 2 ? 502 : a.status(), "HighLevel " + what + " answered "
                    + a.status() + " with a body that is not JSON");
        }
        if (a.status() / 100 != 2) {
            String error = body.path("error").asText("");
            String description = body.path("error_description").asText("");
            JsonNode m = body.path("message");
            String message = m.isArray() ? m.toString() : m.asText("");
            throw new TokenRefused(a.status(), Redaction.of("HighLevel " + what + " answered " + a.status() + ": "
                    + String.join(" ", error, description, message).strip(), null, hidden));
        }
        return body;
    }

    private static TokenGrant grant(JsonNode r) throws TokenRefused {
        String access = r.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new TokenRefused(502, "HighLevel's token answer has no access_token");
        }
        List<String> approved = new ArrayList<>();
        r.path("approvedLocations").forEach(l -> approved.add(l.asText()));
        String refresh = r.path("refresh_token").asText("");
        return new TokenGrant(access, refresh.isEmpty() ? null : refresh, r.path("expires_in").asLong(86_399),
                r.path("userType").asText("Location"), text(r, "companyId"), text(r, "locationId"), approved);
    }

    private static String text(JsonNode r, String field) {
        String v = r.path(field).asText("");
        return v.isEmpty() ? null : v;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
