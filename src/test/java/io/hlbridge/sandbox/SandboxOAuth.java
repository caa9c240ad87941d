package io.hlbridge.sandbox;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * HighLevel's Marketplace side in the sandbox (oauth.json, Authorization.md): the location chooser that gives a code,
 * the code exchange and refresh at {@code POST /oauth/token} with single-use refresh tokens (a spent one answers 400
 * invalid_grant and is counted), an agency's {@code POST /oauth/locationToken} and {@code GET
 * /oauth/installedLocations}, access tokens that expire after {@link #tokenLife(Duration)} (a day by default), and
 * signed INSTALL / UNINSTALL webhooks.
 */
public final class SandboxOAuth {
    public static final String APP_ID = "sandboxapp";
    public static final String CLIENT_ID = APP_ID + "-client1";
    public static final String CLIENT_SECRET = "sandbox-client-secret-9f2c1e";

    /** Who a token or code belongs to. */
    record Grant(String userType, String resourceId, String companyId) {
    }

    /** An access token: whose, and until when (epoch millis). */
    record Access(Grant grant, long expiresAt) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HighLevelSandbox sandbox;
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> spent = ConcurrentHashMap.newKeySet();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, List<String>> companyLocations = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> refreshes = new ConcurrentHashMap<>();
    private final AtomicLong reusedRefreshTokens = new AtomicLong();
    private final AtomicLong expiredTokenRequests = new AtomicLong();
    private final AtomicLong tokenRequests = new AtomicLong();
    private final AtomicLong mints = new AtomicLong();
    private volatile Duration tokenLife = Duration.ofSeconds(86_399);
    private volatile Grant nextInstall;
    private volatile Runnable afterNextRefresh;

    SandboxOAuth(HighLevelSandbox sandbox) {
        this.sandbox = sandbox;
    }

    // ---- set-up ----------------------------------------------------------------------------------------------

    /** How long access tokens live from now on. */
    public void tokenLife(Duration life) {
        this.tokenLife = life;
    }

    /** The next visit to the location chooser installs the app on this location (as its admin would pick it). */
    public void chooseLocation(String locationId, String companyId) {
        nextInstall = new Grant("Location", locationId, companyId);
    }

    /** The next visit installs the app on this agency, for these of its locations. */
    public void chooseCompany(String companyId, List<String> locations) {
        companyLocations.put(companyId, List.copyOf(locations));
        nextInstall = new Grant("Company", companyId, null);
    }

    /** The app is installed on another location of the agency (HighLevel then sends INSTALL for it). */
    public void addCompanyLocation(String companyId, String locationId) {
        companyLocations.merge(companyId, List.of(locationId), (a, b) -> java.util.stream.Stream.concat(a.stream(),
                b.stream()).toList());
    }

    /** Runs once, after the next refresh has spent its refresh token and made new ones, before the answer is sent. */
    public void afterNextRefresh(Runnable r) {
        afterNextRefresh = r;
    }

    /** Every refresh token of the resource stops working (revoked in HighLevel): the next refresh gets invalid_grant. */
    public void revokeRefreshTokens(String resourceId) {
        refreshTokens.entrySet().removeIf(e -> e.getValue().resourceId().equals(resourceId));
    }

    /** Every access token of the resource expires now. */
    public void expireAccessTokens(String resourceId) {
        access.replaceAll((t, a) -> a.grant().resourceId().equals(resourceId) ? new Access(a.grant(), 0) : a);
    }

    // ---- what tests check ------------------------------------------------------------------------------------

    /** Refresh grants accepted for the resource. */
    public long refreshes(String resourceId) {
        AtomicLong n = refreshes.get(resourceId);
        return n == null ? 0 : n.get();
    }

    /** Refresh tokens presented a second time. */
    public long reusedRefreshTokens() {
        return reusedRefreshTokens.get();
    }

    /** API requests refused because their access token had expired. */
    public long expiredTokenRequests() {
        return expiredTokenRequests.get();
    }

    /** Every request to /oauth/token, /oauth/locationToken and /oauth/installedLocations. */
    public long tokenRequests() {
        return tokenRequests.get();
    }

    public long mints() {
        return mints.get();
    }

    /** A signed INSTALL webhook as AppInstall.md shows it (no locationId for an agency install). */
    public HighLevelSandbox.SignedWebhook installWebhook(String appId, String locationId, String companyId)
            throws Exception {
        ObjectNode w = json.createObjectNode().put("type", "INSTALL").put("appId", appId);
        if (locationId != null) {
            w.put("locationId", locationId);
        }
        w.put("companyId", companyId).put("planId", "plan1").put("companyName", "Example Company");
        w.putObject("trial").put("onTrial", false);
        byte[] b = json.writeValueAsBytes(w);
        return new HighLevelSandbox.SignedWebhook(b, sandbox.sign(b));
    }

    /** A signed UNINSTALL with a timestamp; the resource's tokens stop working when it is sent. */
    public HighLevelSandbox.SignedWebhook uninstallWebhook(String appId, String locationId, String companyId)
            throws Exception {
        return uninstallWebhook(appId, locationId, companyId, true);
    }

    /**
     * A signed UNINSTALL, with a timestamp or exactly as AppUninstall.md shows it (type, appId and the resource only,
     * so every UNINSTALL of a resource is the same bytes); the resource's tokens stop working when it is sent.
     */
    public HighLevelSandbox.SignedWebhook uninstallWebhook(String appId, String locationId, String companyId,
            boolean timestamp) throws Exception {
        ObjectNode w = json.createObjectNode().put("type", "UNINSTALL").put("appId", appId);
        if (locationId != null) {
            w.put("locationId", locationId);
        } else {
            w.put("companyId", companyId);
        }
        if (timestamp) {
            w.put("timestamp", Instant.now().toString());
        }
        String gone = locationId != null ? locationId : companyId;
        access.entrySet().removeIf(e -> e.getValue().grant().resourceId().equals(gone));
        revokeRefreshTokens(gone);
        byte[] b = json.writeValueAsBytes(w);
        return new HighLevelSandbox.SignedWebhook(b, sandbox.sign(b));
    }

    // ---- serving ---------------------------------------------------------------------------------------------

    /** The location id a bearer token reads, or null; an expired one is counted and refused. */
    String location(String token) {
        Access a = access.get(token);
        if (a == null || !a.grant().userType().equals("Location")) {
            return null;
        }
        if (a.expiresAt() <= System.currentTimeMillis()) {
            expiredTokenRequests.incrementAndGet();
            return null;
        }
        return a.grant().resourceId();
    }

    /** GET /oauth/chooselocation (the marketplace's page): the admin picked; the browser goes back with a code. */
    HighLevelSandbox.Answer choose(Map<String, List<String>> query) {
        Grant g = nextInstall;
        if (g == null || !CLIENT_ID.equals(first(query, "client_id")) || !"code".equals(first(query, "response_type"))
                || first(query, "redirect_uri") == null || first(query, "scope") == null) {
            return new HighLevelSandbox.Answer(400, error(400, "invalid install link"), null);
        }
        String code = "code" + UUID.randomUUID().toString().replace("-", "");
        codes.put(code, g);
        String state = first(query, "state");
        return new HighLevelSandbox.Answer(302, null, first(query, "redirect_uri") + "?code=" + code
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
    }

    /** POST /oauth/token, /oauth/locationToken; GET /oauth/installedLocations. */
    HighLevelSandbox.Answer serve(String method, String path, Map<String, List<String>> query, String body,
            String bearer) {
        tokenRequests.incrementAndGet();
        Map<String, String> form = form(body);
        if (method.equals("POST") && path.equals("/oauth/token")) {
            if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                return new HighLevelSandbox.Answer(401, error(401, "invalid_client"), null);
            }
            Grant g;
            if ("authorization_code".equals(form.get("grant_type"))) {
                g = codes.remove(String.valueOf(form.get("code")));
                if (g == null || !g.userType().equals(form.get("user_type"))) {
                    return new HighLevelSandbox.Answer(400, oauthError("invalid_grant", "Invalid grant: code is"
                            + " invalid, expired, used, or for another user_type"), null);
                }
            } else if ("refresh_token".equals(form.get("grant_type"))) {
                String rt = String.valueOf(form.get("refresh_token"));
                synchronized (this) {
                    g = refreshTokens.remove(rt);
                    if (g == null) {
                        if (!spent.add(rt)) {
                            reusedRefreshTokens.incrementAndGet();
                        }
                        return new HighLevelSandbox.Answer(400, oauthError("invalid_grant", "Invalid grant: refresh"
                                + " token is invalid"), null);
                    }
                    spent.add(rt);
                }
                refreshes.computeIfAbsent(g.resourceId(), k -> new AtomicLong()).incrementAndGet();
            } else {
                return new HighLevelSandbox.Answer(400, oauthError("unsupported_grant_type", "grant_type"), null);
            }
            ObjectNode answer = issue(g, true);
            if (g.userType().equals("Company")) {
                List<String> locations = companyLocations.getOrDefault(g.resourceId(), List.of());
                answer.putArray("approvedLocations");
                answer.put("isBulkInstallation", locations.size() > 1);
            }
            if ("refresh_token".equals(form.get("grant_type"))) {
                Runnable r = afterNextRefresh;
                afterNextRefresh = null;
                if (r != null) {
                    r.run();
                }
            }
            return new HighLevelSandbox.Answer(200, answer, null);
        }
        Access company = bearer == null ? null : access.get(bearer);
        if (company == null || !company.grant().userType().equals("Company")
                || company.expiresAt() <= System.currentTimeMillis()) {
            return new HighLevelSandbox.Answer(401, error(401, "Invalid JWT: agency access token required"), null);
        }
        String companyId = company.grant().resourceId();
        if (method.equals("POST") && path.equals("/oauth/locationToken")) {
            String location = form.get("locationId");
            if (!companyId.equals(form.get("companyId"))
                    || !companyLocations.getOrDefault(companyId, List.of()).contains(location)) {
                return new HighLevelSandbox.Answer(400, error(400, "The app is not installed on this location"), null);
            }
            mints.incrementAndGet();
            ObjectNode answer = issue(new Grant("Location", location, companyId), false);
            answer.put("appId", APP_ID);
            return new HighLevelSandbox.Answer(200, answer, null);
        }
        if (method.equals("GET") && path.equals("/oauth/installedLocations")) {
            if (!companyId.equals(first(query, "companyId")) || !APP_ID.equals(first(query, "appId"))) {
                return new HighLevelSandbox.Answer(400, error(400, "companyId or appId do not match the token"), null);
            }
            List<String> all = companyLocations.getOrDefault(companyId, List.of());
            int skip = Integer.parseInt(first(query, "skip") == null ? "0" : first(query, "skip"));
            int limit = Integer.parseInt(first(query, "limit") == null ? "20" : first(query, "limit"));
            ObjectNode answer = json.createObjectNode();
            var list = answer.putArray("locations");
            all.stream().skip(skip).limit(limit).forEach(l -> list.addObject().put("_id", l).put("name", "Location "
                    + l).put("isInstalled", true));
            answer.put("count", all.size());
            return new HighLevelSandbox.Answer(200, answer, null);
        }
        return new HighLevelSandbox.Answer(404, error(404, "Cannot " + method + " " + path), null);
    }

    /** New tokens for the grant; a refresh token only when {@code refreshable}. */
    private ObjectNode issue(Grant g, boolean refreshable) {
        String token = "at-" + UUID.randomUUID();
        access.put(token, new Access(g, System.currentTimeMillis() + tokenLife.toMillis()));
        ObjectNode answer = json.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", tokenLife.toSeconds()).put("scope", "calendars.readonly calendars/events.write")
                .put("userType", g.userType()).put("userId", "installer1");
        if (refreshable) {
            String refresh = "rt-" + UUID.randomUUID();
            refreshTokens.put(refresh, g);
            answer.put("refresh_token", refresh);
        }
        if (g.userType().equals("Location")) {
            answer.put("locationId", g.resourceId());
            if (g.companyId() != null) {
                answer.put("companyId", g.companyId());
            }
        } else {
            answer.put("companyId", g.resourceId());
        }
        return answer;
    }

    private ObjectNode error(int status, String message) {
        return json.createObjectNode().put("statusCode", status).put("message", message);
    }

    private ObjectNode oauthError(String error, String description) {
        return json.createObjectNode().put("error", error).put("error_description", description);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> f = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    f.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return f;
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> v = query.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
