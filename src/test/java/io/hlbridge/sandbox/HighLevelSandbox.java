package io.hlbridge.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hlbridge.testing.LoopbackServer;

/**
 * A HighLevel API stand-in for tests and the demo: locations, calendars with types, appointments and blocked
 * slots in memory; the burst limit (100 requests per 10 s per location) with {@code X-RateLimit-*} headers and
 * 429; every request validated against HighLevel's OpenAPI specs (kept in {@code src/test/resources/highlevel-api}); webhooks
 * signed with a test Ed25519 key and posted to the bridge.
 */
public final class HighLevelSandbox implements AutoCloseable {
    public static final int RATE_MAX = 100;
    public static final long RATE_WINDOW_MS = 10_000;
    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32); // trickled answers hold threads
    private final SandboxFaults faults = new SandboxFaults();
    private final HttpClient webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KeyPair webhookKey;
    private final OpenApiRequestValidator validator;

    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> locationZones = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> calendars = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> users = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> events = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> slots = new ConcurrentHashMap<>();
    private final Map<String, ArrayDeque<Long>> rateWindows = new ConcurrentHashMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<Long>> requestTimes = new ConcurrentHashMap<>();
    private final AtomicLong tooManyRequests = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final AtomicLong lastUpdate = new AtomicLong();
    private volatile URI webhookTarget;
    private final SandboxOAuth oauth = new SandboxOAuth(this);
    private final SandboxAppShell shell = new SandboxAppShell(this);

    /** An answer of the OAuth side: a JSON body, or a redirect to {@code location}. */
    record Answer(int status, JsonNode body, String location) {
    }

    public HighLevelSandbox() throws Exception {
        this(0);
    }

    public HighLevelSandbox(int port) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        this.webhookKey = g.generateKeyPair();
        this.validator = new OpenApiRequestValidator(OpenApiRequestValidator.specOfThisBuild());
        this.server = LoopbackServer.create(port, 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Base64 SPKI of the key webhooks are signed with: the bridge's highlevel.webhook.ed25519-public-key. */
    public String webhookPublicKey() {
        return Base64.getEncoder().encodeToString(webhookKey.getPublic().getEncoded());
    }

    /** How this sandbox misbehaves on demand. */
    public SandboxFaults faults() {
        return faults;
    }

    /** The Marketplace side: installs, tokens, INSTALL / UNINSTALL webhooks. */
    /** HighLevel's app shell around a Custom Page (the connect page), with the app's Shared Secret. */
    public SandboxAppShell appShell() {
        return shell;
    }

    /** A user added with {@link #addUser}, as GET /users/ lists them. */
    public java.util.Optional<com.fasterxml.jackson.databind.JsonNode> user(String userId) {
        return users.values().stream().flatMap(List::stream).filter(u -> u.path("id").asText().equals(userId))
                .map(u -> (com.fasterxml.jackson.databind.JsonNode) u).findFirst();
    }

    public SandboxOAuth oauth() {
        return oauth;
    }

    /** Where the bridge's highlevel.oauth.authorize-url points: the sandbox's location chooser. */
    public URI authorizeUrl() {
        return URI.create(url() + "/oauth/chooselocation");
    }

    public void setWebhookTarget(URI target) {
        this.webhookTarget = target;
    }

    // ---- set-up ---------------------------------------------------------------------------------------------

    public void addLocation(String locationId, String timeZone, String token) {
        locationZones.put(locationId, timeZone);
        tokens.put(token, locationId);
    }

    /** A user of the location, as GET /users/?locationId= lists them (the connect flow picks one). */
    public void addUser(String locationId, String userId, String name, String email) {
        ObjectNode u = json.createObjectNode();
        u.put("id", userId).put("name", name).put("email", email).put("firstName", name.split(" ")[0])
                .put("lastName", name.contains(" ") ? name.substring(name.indexOf(' ') + 1) : "");
        u.putObject("roles").put("type", "account").put("role", "user").putArray("locationIds").add(locationId);
        users.computeIfAbsent(locationId, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(u);
    }

    public void addCalendar(String calendarId, String locationId, String calendarType) {
        ObjectNode c = json.createObjectNode();
        c.put("id", calendarId).put("locationId", locationId).put("name", "Calendar " + calendarId)
                .put("calendarType", calendarType).put("isActive", true);
        c.set("teamMembers", json.createArrayNode());
        calendars.put(calendarId, c);
    }

    /** Makes the user a member of the calendar's team ({@code teamMembers[].userId}). */
    public void addTeamMember(String calendarId, String userId) {
        ObjectNode c = calendars.get(calendarId);
        synchronized (c) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("teamMembers")).addObject().put("userId", userId)
                    .put("priority", 0.5);
        }
    }

    /** A blocked slot of a whole calendar (calendarId, no assignedUserId), as HighLevel makes one; its id. */
    public String blockCalendarTime(String locationId, String calendarId, String title, Instant start, Instant end) {
        String id = blockTime(locationId, null, title, start, end);
        slots.get(id).remove("assignedUserId");
        slots.get(id).put("calendarId", calendarId);
        return id;
    }

    // ---- appointments (what a HighLevel user or booking widget does) ------------------------------------------

    /** Books an appointment; {@code fields} use the API's names (startTime, endTime, title, users, rrule, ...). */
    public ObjectNode book(Map<String, Object> fields, boolean sendWebhook) throws Exception {
        ObjectNode e = json.createObjectNode();
        e.put("id", "appt" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        e.put("appointmentStatus", "confirmed");
        e.put("contactId", "contact1");
        e.put("groupId", "");
        e.set("users", json.createArrayNode());
        e.put("dateAdded", now());
        fields.forEach((k, v) -> e.set(k, json.valueToTree(v)));
        e.put("isRecurring", e.hasNonNull("rrule") && !e.get("rrule").asText().isBlank());
        e.put("dateUpdated", nextUpdate());
        events.put(e.get("id").asText(), e);
        if (sendWebhook) {
            deliver(webhook("AppointmentCreate", e));
        }
        return e.deepCopy();
    }

    public ObjectNode update(String id, Map<String, Object> changes, boolean sendWebhook) throws Exception {
        ObjectNode e = events.get(id);
        synchronized (e) {
            changes.forEach((k, v) -> e.set(k, json.valueToTree(v)));
            e.put("dateUpdated", nextUpdate());
        }
        if (sendWebhook) {
            deliver(webhook("AppointmentUpdate", e));
        }
        return e.deepCopy();
    }

    public void delete(String id, boolean sendWebhook) throws Exception {
        ObjectNode e = events.remove(id);
        if (sendWebhook && e != null) {
            deliver(webhook("AppointmentDelete", e));
        }
    }

    public ObjectNode event(String id) {
        ObjectNode e = events.get(id);
        return e == null ? null : e.deepCopy();
    }

    // ---- blocked slots a HighLevel user makes in HighLevel's calendar (not through the bridge) -----------------

    /** A blocked slot of the user, as someone blocking time in HighLevel makes it; its id. */
    public String blockTime(String locationId, String userId, String title, Instant start, Instant end) {
        String id = "slot" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ObjectNode slot = json.createObjectNode();
        slot.put("id", id).put("locationId", locationId).put("title", title).put("startTime", start.toString())
                .put("endTime", end.toString()).put("assignedUserId", userId).put("dateUpdated", nextUpdate());
        slots.put(id, slot);
        return id;
    }

    /** Moves or retitles a blocked slot made in HighLevel. */
    public void changeBlockedTime(String id, String title, Instant start, Instant end) {
        ObjectNode slot = slots.get(id);
        synchronized (slot) {
            slot.put("title", title).put("startTime", start.toString()).put("endTime", end.toString())
                    .put("dateUpdated", nextUpdate());
        }
    }

    /** Deletes a blocked slot in HighLevel. */
    public void unblockTime(String id) {
        slots.remove(id);
    }

    /** A signed webhook for the event's current state, not yet sent. */
    public SignedWebhook webhook(String type, ObjectNode event) throws Exception {
        ObjectNode body = json.createObjectNode();
        body.put("type", type);
        body.put("locationId", event.path("locationId").asText());
        ObjectNode a = body.putObject("appointment");
        for (String f : List.of("id", "address", "title", "calendarId", "contactId", "groupId", "appointmentStatus",
                "assignedUserId", "users", "notes", "startTime", "endTime", "dateAdded", "dateUpdated")) {
            if (event.has(f)) {
                a.set(f, event.get(f));
            }
        }
        a.put("source", "booking_widget");
        body.put("timestamp", Instant.now().toString());
        body.put("webhookId", UUID.randomUUID().toString());
        byte[] bytes = json.writeValueAsBytes(body);
        return new SignedWebhook(bytes, sign(bytes));
    }

    public String sign(byte[] body) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(webhookKey.getPrivate());
        s.update(body);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    /** Posts a webhook to the bridge; returns the HTTP status it answered. */
    public int deliver(SignedWebhook w) throws Exception {
        if (webhookTarget == null) {
            return -1;
        }
        HttpRequest r = HttpRequest.newBuilder(webhookTarget).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("x-ghl-signature", w.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(w.body())).build();
        return webhookClient.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Body and Ed25519 signature (base64) of a webhook. */
    public record SignedWebhook(byte[] body, String signature) {
    }

    /** The blocked slots of a user (assignedUserId) or calendar (calendarId), sorted by start. */
    public List<ObjectNode> blockedSlots(String owner) {
        return slots.values().stream().filter(b -> owner.equals(b.path("assignedUserId").asText())
                || owner.equals(b.path("calendarId").asText())).map(ObjectNode::deepCopy)
                .sorted(java.util.Comparator.comparing((ObjectNode b) -> Instant.parse(b.get("startTime").asText()))
                        .thenComparing(b -> b.get("id").asText())).toList();
    }

    /** The same blocked slots as "start/end" instants, sorted: what tests compare with the slots they expect. */
    public List<String> blockedSlotTimes(String owner) {
        return blockedSlots(owner).stream().map(b -> Instant.parse(b.get("startTime").asText()) + "/"
                + Instant.parse(b.get("endTime").asText())).sorted().toList();
    }

    // ---- what tests check -------------------------------------------------------------------------------------

    /** Every test class ends with this: no request broke the OpenAPI spec, and none was answered 429. */
    public void assertOnlyValidRequests() {
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), violations(),
                "requests that break HighLevel's OpenAPI spec");
        org.junit.jupiter.api.Assertions.assertEquals(0, tooManyRequests(), "requests answered 429");
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public long tooManyRequests() {
        return tooManyRequests.get();
    }

    /** API requests answered 401 (no token, an unknown one, or an expired one). */
    public long unauthorized() {
        return unauthorized.get();
    }

    /** "METHOD /path" of every API request received, in order. */
    public List<String> requests() {
        return List.copyOf(requestLog);
    }

    /** When each authenticated request of a location arrived (epoch millis), in order. */
    public List<Long> requestTimes(String locationId) {
        List<Long> times = requestTimes.get(locationId);
        return times == null ? List.of() : List.copyOf(times);
    }

    public void clearRequests() {
        requestLog.clear();
    }

    // ---- the API ------------------------------------------------------------------------------------------

    private void handle(HttpExchange x) throws IOException {
        trickling.set(0);
        try (x) {
            String method = x.getRequestMethod();
            String path = x.getRequestURI().getRawPath();
            byte[] raw;
            try (InputStream in = x.getRequestBody()) {
                raw = in.readAllBytes();
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            requestLog.add(method + " " + path);
            Map<String, List<String>> query = query(x.getRequestURI().getRawQuery());
            if (path.equals("/oauth/chooselocation")) { // the marketplace's page, not the API
                answer(x, oauth.choose(query));
                return;
            }
            if (path.equals("/favicon.ico")) { // a browser showing the app shell asks for it
                x.sendResponseHeaders(404, -1);
                return;
            }
            if (path.equals("/app-shell")) { // HighLevel's app shell around a Custom Page, not the API
                String html = shell.serve(query);
                byte[] b = (html == null ? "page and user are required" : html).getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().set("Content-Type", html == null ? "text/plain" : "text/html; charset=utf-8");
                x.sendResponseHeaders(html == null ? 400 : 200, b.length);
                x.getResponseBody().write(b);
                return;
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            x.getRequestHeaders().forEach(headers::put);
            List<String> v = validator.validate(method, path, query, headers, body);
            if (!v.isEmpty()) {
                violations.addAll(v);
                respond(x, 422, error(422, String.join("; ", v)));
                return;
            }
            String auth = x.getRequestHeaders().getFirst("Authorization");
            String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            if (path.startsWith("/oauth/")) {
                answer(x, oauth.serve(method, path, query, body, bearer));
                return;
            }
            String location = bearer == null ? null : tokens.containsKey(bearer) ? tokens.get(bearer)
                    : oauth.location(bearer);
            if (location == null) {
                unauthorized.incrementAndGet();
                respond(x, 401, error(401, "Invalid token: access token is invalid"));
                return;
            }
            requestTimes.computeIfAbsent(location, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(System.currentTimeMillis());
            if (!admit(x, location)) {
                tooManyRequests.incrementAndGet();
                respond(x, 429, error(429, "Too Many Requests"));
                return;
            }
            Optional<SandboxFaults.Canned> canned = faults.cannedFor(location, method, path);
            if (canned.isPresent()) {
                SandboxFaults.Canned c = canned.get();
                if (!c.header().isEmpty()) {
                    x.getResponseHeaders().set(c.header().get(0), c.header().get(1));
                }
                x.getResponseHeaders().set("Content-Type", c.contentType());
                byte[] b = c.body().getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(c.status(), b.length);
                x.getResponseBody().write(b);
                return;
            }
            trickling.set(faults.trickleRate(location).orElse(0));
            route(x, method, path, query, body, location);
        } catch (Exception e) {
            respond(x, 500, error(500, e.toString()));
        }
    }

    private void route(HttpExchange x, String method, String path, Map<String, List<String>> query, String body,
            String location) throws Exception {
        String[] p = path.split("/");
        if (method.equals("GET") && path.equals("/users/")) {
            if (!location.equals(first(query, "locationId"))) {
                respond(x, 403, error(403, "The token does not have access to this location"));
                return;
            }
            ObjectNode r = json.createObjectNode();
            ArrayNode list = r.putArray("users");
            users.getOrDefault(location, List.of()).forEach(u -> list.add(u.deepCopy()));
            respond(x, 200, r);
        } else if (method.equals("GET") && path.startsWith("/locations/")) {
            String id = p[2];
            if (!locationZones.containsKey(id) || !id.equals(location)) {
                respond(x, 404, error(404, "Location not found"));
                return;
            }
            ObjectNode r = json.createObjectNode();
            r.putObject("location").put("id", id).put("name", "Location " + id).put("timezone", locationZones.get(id));
            respond(x, 200, r);
        } else if (method.equals("GET") && path.startsWith("/calendars/events/appointments/")) {
            ObjectNode e = events.get(faults.appointmentAnswered(p[4]));
            if (e == null || !location.equals(e.path("locationId").asText())) {
                respond(x, 404, error(404, "Appointment not found"));
                return;
            }
            ObjectNode r = json.createObjectNode();
            r.set("event", e.deepCopy());
            respond(x, 200, r);
        } else if (method.equals("POST") && path.equals("/calendars/events/appointments")) {
            Map<String, Object> fields = json.convertValue(json.readTree(body), Map.class);
            fields.keySet().removeAll(Set.of("toNotify", "ignoreFreeSlotValidation", "ignoreDateRange",
                    "overrideLocationConfig", "meetingLocationType", "meetingLocationId"));
            respond(x, 200, book(fields, true));
        } else if (method.equals("PUT") && path.startsWith("/calendars/events/appointments/")) {
            if (!events.containsKey(p[4])) {
                respond(x, 404, error(404, "Appointment not found"));
                return;
            }
            Map<String, Object> fields = json.convertValue(json.readTree(body), Map.class);
            fields.keySet().removeAll(Set.of("toNotify", "ignoreFreeSlotValidation", "ignoreDateRange"));
            respond(x, 200, update(p[4], fields, true));
        } else if (method.equals("POST") && path.equals("/calendars/events/block-slots")) {
            ObjectNode slot = blockedSlot(x, json.readTree(body), location, "slot" + UUID.randomUUID().toString()
                    .replace("-", "").substring(0, 16));
            if (slot != null) {
                slots.put(slot.get("id").asText(), slot);
                respond(x, 201, slot);
            }
        } else if (method.equals("PUT") && path.startsWith("/calendars/events/block-slots/") && p.length == 5) {
            if (!slots.containsKey(p[4])) {
                respond(x, 404, error(404, "Event not found"));
                return;
            }
            ObjectNode slot = blockedSlot(x, json.readTree(body), location, p[4]);
            if (slot != null) {
                slots.put(p[4], slot);
                respond(x, 201, slot);
            }
        } else if (method.equals("GET") && (path.equals("/calendars/events") || path.equals("/calendars/blocked-slots"))) {
            String owner = first(query, "userId") != null ? first(query, "userId") : first(query, "calendarId");
            long from = Long.parseLong(first(query, "startTime"));
            long to = Long.parseLong(first(query, "endTime"));
            ArrayNode list = json.createArrayNode();
            for (ObjectNode e : (path.equals("/calendars/events") ? events : slots).values()) {
                boolean mine = owner == null || owner.equals(e.path("assignedUserId").asText())
                        || owner.equals(e.path("calendarId").asText()) || e.path("users").toString().contains("\"" + owner + "\"");
                long s0 = OffsetDateTime.parse(e.get("startTime").asText()).toInstant().toEpochMilli();
                long s1 = OffsetDateTime.parse(e.get("endTime").asText()).toInstant().toEpochMilli();
                if (location.equals(e.path("locationId").asText()) && mine && s0 < to && s1 > from) {
                    list.add(e.deepCopy());
                }
            }
            ObjectNode r = json.createObjectNode();
            r.set("events", list);
            respond(x, 200, r);
        } else if (method.equals("DELETE") && path.startsWith("/calendars/events/") && p.length == 4) {
            if (slots.remove(p[3]) != null) {
                respond(x, 201, json.createObjectNode().put("succeeded", true));
                return;
            }
            ObjectNode e = events.get(p[3]);
            if (e == null) {
                respond(x, 404, error(404, "Event not found"));
                return;
            }
            delete(p[3], true);
            respond(x, 201, json.createObjectNode().put("succeeded", true));
        } else if (method.equals("GET") && path.equals("/calendars/")) {
            ArrayNode list = json.createArrayNode();
            for (ObjectNode c : calendars.values()) {
                if (location.equals(c.path("locationId").asText())) {
                    synchronized (c) {
                        list.add(c.deepCopy());
                    }
                }
            }
            ObjectNode r = json.createObjectNode();
            r.set("calendars", list);
            respond(x, 200, r);
        } else if (method.equals("GET") && p.length == 3 && path.startsWith("/calendars/")) {
            ObjectNode c = calendars.get(p[2]);
            if (c == null || !location.equals(c.path("locationId").asText())) {
                respond(x, 404, error(404, "Calendar not found"));
                return;
            }
            ObjectNode r = json.createObjectNode();
            r.set("calendar", c);
            respond(x, 200, r);
        } else {
            respond(x, 404, error(404, "Cannot " + method + " " + path));
        }
    }

    /**
     * A blocked slot from a create/edit body, or null after answering 400: HighLevel takes calendarId or
     * assignedUserId, not both, and the times must be date-times with an offset, end after start.
     */
    private ObjectNode blockedSlot(HttpExchange x, JsonNode b, String location, String id) throws IOException {
        boolean user = b.hasNonNull("assignedUserId");
        boolean calendar = b.hasNonNull("calendarId");
        String problem = user == calendar ? "Either calendarId or assignedUserId can be set, not both" : null;
        OffsetDateTime start = null;
        OffsetDateTime end = null;
        try {
            start = OffsetDateTime.parse(b.path("startTime").asText());
            end = OffsetDateTime.parse(b.path("endTime").asText());
            if (!end.isAfter(start)) {
                problem = "endTime must be after startTime";
            }
        } catch (RuntimeException e) {
            problem = "startTime and endTime must be ISO-8601 date-times with an offset";
        }
        if (!location.equals(b.path("locationId").asText())) {
            problem = "locationId does not match the token";
        }
        if (problem != null) {
            respond(x, 400, error(400, problem));
            return null;
        }
        ObjectNode slot = json.createObjectNode();
        slot.put("id", id).put("locationId", location).put("title", b.path("title").asText("Blocked"))
                .put("startTime", start.toInstant().toString()).put("endTime", end.toInstant().toString());
        slot.put(user ? "assignedUserId" : "calendarId", b.get(user ? "assignedUserId" : "calendarId").asText());
        return slot;
    }

    static String first(Map<String, List<String>> query, String key) {
        List<String> v = query.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The burst limit, counted per location over a sliding window of request arrivals. */
    private boolean admit(HttpExchange x, String location) {
        ArrayDeque<Long> w = rateWindows.computeIfAbsent(location, k -> new ArrayDeque<>());
        int remaining;
        boolean ok;
        synchronized (w) {
            long now = System.currentTimeMillis();
            while (!w.isEmpty() && w.peekFirst() <= now - RATE_WINDOW_MS) {
                w.pollFirst();
            }
            ok = w.size() < RATE_MAX;
            if (ok) {
                w.addLast(now);
            }
            remaining = RATE_MAX - w.size();
        }
        x.getResponseHeaders().add("X-RateLimit-Max", String.valueOf(RATE_MAX));
        x.getResponseHeaders().add("X-RateLimit-Remaining", String.valueOf(Math.max(0, remaining)));
        x.getResponseHeaders().add("X-RateLimit-Interval-Milliseconds", String.valueOf(RATE_WINDOW_MS));
        x.getResponseHeaders().add("X-RateLimit-Limit-Daily", "200000");
        x.getResponseHeaders().add("X-RateLimit-Daily-Remaining", "199000");
        return ok;
    }

    private void answer(HttpExchange x, Answer a) throws IOException {
        if (a.location() != null) {
            x.getResponseHeaders().set("Location", a.location());
            x.sendResponseHeaders(a.status(), -1);
            return;
        }
        respond(x, a.status(), a.body());
    }

    private ObjectNode error(int status, String message) {
        return json.createObjectNode().put("statusCode", status).put("message", message);
    }

    private void respond(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] b = json.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.getResponseHeaders().set("traceId", UUID.randomUUID().toString());
        x.sendResponseHeaders(status, b.length);
        int perSecond = trickling.get();
        if (perSecond <= 0) {
            x.getResponseBody().write(b);
            return;
        }
        for (byte one : b) { // a byte at a time: only a deadline for the whole exchange cuts this off
            x.getResponseBody().write(one);
            x.getResponseBody().flush();
            try {
                Thread.sleep(1000 / perSecond);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The trickle rate of the request being answered on this thread (0: none). */
    private final ThreadLocal<Integer> trickling = ThreadLocal.withInitial(() -> 0);

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.computeIfAbsent(k, key -> new ArrayList<>()).add(v);
            }
        }
        return q;
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).format(UTC_MILLIS);
    }

    /** dateUpdated strictly increases, as two edits within one millisecond must still be ordered. */
    private String nextUpdate() {
        long t = lastUpdate.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis()));
        return Instant.ofEpochMilli(t).atOffset(ZoneOffset.UTC).format(UTC_MILLIS);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Runs the sandbox alone (the demo): {@code port locationId timeZone calendarId token webhookUrl keyFile}.
     * Writes the webhook public key to {@code keyFile} and serves until killed.
     */
    /**
     * The sandbox on its own, for trying the bridge by hand ({@code ./sandbox.sh}, which passes these options): one
     * location with its token, one Round Robin calendar, and users that {@code POST /admin/api/users} lists. Every
     * option has a default: {@code --port 8090 --location demoLocation --time-zone America/New_York --calendar
     * demoCalendar --token demo-token --user demoUser:Demo User:demo@example.com --webhook-target
     * http://127.0.0.1:8080/webhooks/highlevel --webhook-key-file sandbox-webhook-key.txt}; {@code --user} may repeat.
     */
    public static void main(String[] args) throws Exception {
        Map<String, List<String>> o = new LinkedHashMap<>(Map.of("port", List.of("8090"), "location",
                List.of("demoLocation"), "time-zone", List.of("America/New_York"), "calendar", List.of("demoCalendar"),
                "token", List.of("demo-token"), "webhook-target", List.of("http://127.0.0.1:8080/webhooks/highlevel"),
                "webhook-key-file", List.of("sandbox-webhook-key.txt")));
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length
                    || !(o.containsKey(args[i].substring(2)) || args[i].equals("--user"))) {
                System.err.println("usage: ./sandbox.sh [--port N] [--location ID] [--time-zone ZONE] [--calendar ID]"
                        + " [--token TOKEN] [--user ID:NAME:EMAIL]... [--webhook-target URL] [--webhook-key-file FILE]");
                System.exit(2);
            }
            given.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
        }
        o.putAll(given);
        o.putIfAbsent("user", List.of("demoUser:Demo User:demo@example.com"));
        String location = o.get("location").get(0);
        HighLevelSandbox s = new HighLevelSandbox(Integer.parseInt(o.get("port").get(0)));
        s.addLocation(location, o.get("time-zone").get(0), o.get("token").get(0));
        s.addCalendar(o.get("calendar").get(0), location, "round_robin");
        for (String u : o.get("user")) {
            String[] f = u.split(":", 3);
            s.addUser(location, f[0], f.length > 1 ? f[1] : f[0], f.length > 2 ? f[2] : f[0] + "@example.com");
        }
        s.setWebhookTarget(URI.create(o.get("webhook-target").get(0)));
        Files.writeString(Path.of(o.get("webhook-key-file").get(0)), s.webhookPublicKey());
        System.out.println("HighLevel sandbox listening on " + s.url() + ", checking every request against HighLevel's"
                + " OpenAPI specs\n  location " + location + " (token " + o.get("token").get(0) + "), Round Robin"
                + " calendar " + o.get("calendar").get(0) + ", users " + o.get("user") + "\n  webhooks go to "
                + o.get("webhook-target").get(0) + ", signed with the Ed25519 key in " + o.get("webhook-key-file").get(0)
                + "\nPoint the bridge at it with: -Dhighlevel.api-url=" + s.url()
                + " -Dhighlevel.webhook.ed25519-public-key=$(cat " + o.get("webhook-key-file").get(0) + ")"
                + "\nHighLevel's app shell, framing the bridge's connect page as " + o.get("user").get(0).split(":")[0]
                + " (give the bridge -Dhighlevel.oauth.shared-secret=" + s.appShell().sharedSecret()
                + " -Dhighlevel.custom-page.frame-ancestors=" + s.appShell().origin() + "):\n  "
                + s.appShell().url(URI.create("http://127.0.0.1:8080/connect"), o.get("user").get(0).split(":")[0],
                        location, "admin"));
        Thread.currentThread().join();
    }
}
