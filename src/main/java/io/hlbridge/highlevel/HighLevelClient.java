package io.hlbridge.highlevel;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.config.BlockedSlotScope;
import io.hlbridge.http.HttpTransport;
import io.hlbridge.http.Redaction;
import io.hlbridge.http.RetryAfter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HighLevel API v2 over {@link HttpTransport}: bearer token of the connection, {@code Version: 2021-04-15} on
 * {@code /calendars}, {@code 2021-07-28} on {@code /locations}, every call through the per-location rate limiter.
 * A 429 pauses the location and the call is tried again a few times before it fails.
 */
public class HighLevelClient {
    private static final Logger LOG = LoggerFactory.getLogger(HighLevelClient.class);
    static final String CALENDARS_VERSION = "2021-04-15";
    static final String LOCATIONS_VERSION = "2021-07-28";

    /** Tries of one request that HighLevel answers 429 before the caller sees the 429. */
    private static final int ATTEMPTS_ON_429 = 4;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpTransport http;
    private final String apiUrl;
    private final LocationRateLimiter limiter;
    private final List<ExchangeObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile AccessTokens installations = AccessTokens.NONE;
    private volatile RateBudget sharedBudget = RateBudget.NONE;

    /**
     * Told of every exchange with HighLevel: the fair share of workers (a slow location), the metrics (requests and
     * 429s per location) and the connection states (a refused token) each watch through one.
     */
    public interface ExchangeObserver {
        /** HighLevel answered {@code status} after {@code millis}. */
        default void answered(HighLevelCredentials c, String method, String path, int status, long millis) {
        }

        /** No answer: cut off at its deadline, or the connection failed. */
        default void unanswered(HighLevelCredentials c, String method, String path, long millis) {
        }
    }

    public HighLevelClient(HighLevelSettings settings) {
        String url = settings.apiUrl().toString();
        this.apiUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.limiter = new LocationRateLimiter(settings.maxRequests(), settings.window().toMillis());
        this.http = new HttpTransport(64, settings.timeout(), settings.maxAnswerBytes());
    }

    /** Where connections without a token of their own get theirs: the Marketplace installations. */
    public void useInstallations(AccessTokens tokens) {
        this.installations = tokens;
    }

    /** The budget every node on the store spends together, taken after this process's own limiter lets a request go. */
    public void useSharedBudget(RateBudget budget) {
        this.sharedBudget = budget;
        limiter.countOwnRequestsOnly();
    }

    public void observe(ExchangeObserver observer) {
        observers.add(observer);
    }

    /** {@code GET /calendars/{calendarId}} → the {@code calendar} object. */
    public JsonNode getCalendar(HighLevelCredentials c, String calendarId) throws HighLevelApiException, IOException,
            InterruptedException {
        return send(c, "GET", "/calendars/" + enc(calendarId), null, CALENDARS_VERSION).path("calendar");
    }

    /** {@code GET /calendars/?locationId=} → the location's calendars, each with its {@code teamMembers}. */
    public List<JsonNode> listCalendars(HighLevelCredentials c) throws HighLevelApiException, IOException,
            InterruptedException {
        List<JsonNode> calendars = new ArrayList<>();
        send(c, "GET", "/calendars/?locationId=" + enc(c.locationId()), null, CALENDARS_VERSION).path("calendars")
                .forEach(calendars::add);
        return calendars;
    }

    /** {@code GET /calendars/events/appointments/{id}}; empty when HighLevel no longer has it. */
    public Optional<Appointment> getAppointment(HighLevelCredentials c, String appointmentId) throws HighLevelApiException,
            IOException, InterruptedException {
        try {
            JsonNode event = send(c, "GET", "/calendars/events/appointments/" + enc(appointmentId), null,
                    CALENDARS_VERSION).path("event");
            if (event.isMissingNode() || event.isNull()) {
                return Optional.empty();
            }
            String answered = event.path("id").asText("");
            if (!answered.equals(appointmentId)) { // never write one appointment's event with another's data
                throw new HighLevelApiException(502, "HighLevel GET /calendars/events/appointments/" + appointmentId
                        + " answered with appointment '" + (answered.length() > 60 ? answered.substring(0, 60) + "..."
                        : answered) + "'; tried again later");
            }
            return Optional.of(Appointment.fromJson(event, c.locationId()));
        } catch (HighLevelApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code POST /calendars/events/block-slots} → the new slot's id. Exactly one of {@code assignedUserId} and
     * {@code calendarId} is sent (the field descriptions say so; the spec's {@code required} contradicts them).
     */
    public String createBlockedSlot(HighLevelCredentials c, BlockedSlotRequest slot) throws HighLevelApiException, IOException,
            InterruptedException {
        JsonNode r = send(c, "POST", "/calendars/events/block-slots", slot.body(c.locationId()), CALENDARS_VERSION);
        String id = r.path("id").asText("");
        if (id.isEmpty()) {
            throw new HighLevelApiException(502, "HighLevel POST /calendars/events/block-slots answered without an id");
        }
        return id;
    }

    /** {@code PUT /calendars/events/block-slots/{id}}. */
    public void updateBlockedSlot(HighLevelCredentials c, String slotId, BlockedSlotRequest slot) throws HighLevelApiException,
            IOException, InterruptedException {
        send(c, "PUT", "/calendars/events/block-slots/" + enc(slotId), slot.body(c.locationId()), CALENDARS_VERSION);
    }

    /** {@code DELETE /calendars/events/{id}} (appointments and blocked slots alike); already gone counts as deleted. */
    public void deleteEvent(HighLevelCredentials c, String eventId) throws HighLevelApiException, IOException,
            InterruptedException {
        try {
            send(c, "DELETE", "/calendars/events/" + enc(eventId), json.createObjectNode(), CALENDARS_VERSION);
        } catch (HighLevelApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** {@code GET /calendars/events} of one user over [start, end): the user's appointments. */
    public List<JsonNode> listEvents(HighLevelCredentials c, String userId, Instant start, Instant end)
            throws HighLevelApiException, IOException, InterruptedException {
        return list(c, "/calendars/events", "userId", userId, start, end);
    }

    /** The blocked slots of a user ({@code USER}) or of a calendar ({@code CALENDAR}) in a time range. */
    public List<JsonNode> listBlockedSlots(HighLevelCredentials c, BlockedSlotScope scope, String owner, Instant start,
            Instant end) throws HighLevelApiException, IOException, InterruptedException {
        return list(c, "/calendars/blocked-slots", scope == BlockedSlotScope.USER ? "userId" : "calendarId",
                owner, start, end);
    }

    private List<JsonNode> list(HighLevelCredentials c, String path, String ownerParam, String owner, Instant start, Instant end)
            throws HighLevelApiException, IOException, InterruptedException {
        JsonNode r = send(c, "GET", path + "?locationId=" + enc(c.locationId()) + "&" + ownerParam + "=" + enc(owner)
                + "&startTime=" + start.toEpochMilli() + "&endTime=" + end.toEpochMilli(), null, CALENDARS_VERSION);
        List<JsonNode> events = new ArrayList<>();
        r.path("events").forEach(events::add);
        return events;
    }

    /**
     * R6: {@code PUT /calendars/events/appointments/{id}} with new times, {@code toNotify: false} (no workflows)
     * and {@code ignoreFreeSlotValidation: true} (the user already chose the time in iCloud).
     */
    public Appointment moveAppointment(HighLevelCredentials c, String appointmentId, Instant start, Instant end)
            throws HighLevelApiException, IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("startTime", start.toString()).put("endTime", end.toString())
                .put("toNotify", false).put("ignoreFreeSlotValidation", true);
        JsonNode r = send(c, "PUT", "/calendars/events/appointments/" + enc(appointmentId), body, CALENDARS_VERSION);
        return Appointment.fromJson(r.has("event") ? r.path("event") : r, c.locationId());
    }

    /** {@code GET /users/?locationId=}: the users of the connection's location (the connect flow picks one). */
    public List<JsonNode> listUsers(HighLevelCredentials c) throws HighLevelApiException, IOException, InterruptedException {
        List<JsonNode> users = new ArrayList<>();
        send(c, "GET", "/users/?locationId=" + enc(c.locationId()), null, LOCATIONS_VERSION).path("users")
                .forEach(users::add);
        return users;
    }

    /** {@code GET /locations/{locationId}} → {@code location.timezone}. */
    public Optional<String> getLocationTimeZone(HighLevelCredentials c) throws HighLevelApiException, IOException,
            InterruptedException {
        JsonNode tz = send(c, "GET", "/locations/" + enc(c.locationId()), null, LOCATIONS_VERSION)
                .path("location").path("timezone");
        return tz.isTextual() && !tz.asText().isBlank() ? Optional.of(tz.asText()) : Optional.empty();
    }

    /** Sends one request; a JSON body object for POST/PUT/DELETE. Returns the parsed answer (empty object if none). */
    public JsonNode send(HighLevelCredentials c, String method, String pathAndQuery, Object body, String version)
            throws HighLevelApiException, IOException, InterruptedException {
        return send(c, c.name(), method, pathAndQuery, body, version);
    }

    /** The request of {@code ticket} and {@code slot} has its answer ({@code remaining} null: none came). */
    private void finished(HighLevelCredentials c, long ticket, String slot, Integer remaining) {
        limiter.release(c.locationId(), ticket, remaining);
        if (slot != null) {
            sharedBudget.settle(c.locationId(), slot);
        }
    }

    /**
     * Sends one request for {@code party}, whose share of the location's budget it is: when several parties wait for
     * the same location, the rate limiter takes them in turn, so one busy calendar cannot starve the others.
     */
    public JsonNode send(HighLevelCredentials c, String party, String method, String pathAndQuery, Object body, String version)
            throws HighLevelApiException, IOException, InterruptedException {
        String token = c.highLevelToken();
        boolean renewed = false;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Version", version);
        headers.put("Accept", "application/json");
        byte[] payload = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            payload = json.writeValueAsBytes(body);
        }
        URI url = URI.create(apiUrl + pathAndQuery);
        for (int attempt = 1;; attempt++) {
            long ticket = limiter.acquire(c.locationId(), party);
            String slot;
            try {
                slot = sharedBudget.take(c.locationId());
            } catch (InterruptedException | IOException | RuntimeException e) {
                finished(c, ticket, null, null);
                throw e;
            }
            if (c.usesInstallation() && !renewed) { // after the wait for the budget, which may outlast a token
                try {
                    token = installations.current(c.locationId());
                } catch (HighLevelApiException | IOException | RuntimeException e) {
                    finished(c, ticket, slot, null);
                    throw e;
                }
            }
            headers.put("Authorization", "Bearer " + token);
            HttpTransport.Answer response;
            long started = System.nanoTime();
            try {
                response = http.exchange(method, url, headers, payload);
            } catch (IOException | RuntimeException e) {
                finished(c, ticket, slot, null);
                long took = (System.nanoTime() - started) / 1_000_000;
                observers.forEach(o -> o.unanswered(c, method, pathWithoutQuery(pathAndQuery), took));
                throw e;
            }
            long took = (System.nanoTime() - started) / 1_000_000;
            observers.forEach(o -> o.answered(c, method, pathWithoutQuery(pathAndQuery), response.status(), took));
            finished(c, ticket, slot, header(response, "X-RateLimit-Remaining"));
            int status = response.status();
            if (status == 401 && c.usesInstallation() && !renewed) { // expired early or revoked: renewed once
                renewed = true;
                token = installations.afterRefusal(c.locationId(), token);
                attempt--;
                continue;
            }
            if (status == 429) {
                long pause = backoffOn429(response, attempt);
                LOG.warn("HighLevel rate limit hit for location {} on {} {}; pausing the location {} ms", c.locationId(),
                        method, pathWithoutQuery(pathAndQuery), pause);
                limiter.pause(c.locationId(), pause);
                if (attempt < ATTEMPTS_ON_429 && pause <= LocationRateLimiter.LONGEST_WAIT_MILLIS) {
                    continue;
                }
                throw new HighLevelApiException.Paused("HighLevel " + method + " " + pathWithoutQuery(pathAndQuery)
                        + " answered 429; the location waits " + pause + " ms", System.currentTimeMillis() + pause);
            }
            if (status / 100 != 2) {
                String message = Redaction.of(errorMessage(response.body()), null, token);
                throw new HighLevelApiException(status, "HighLevel " + method + " " + pathWithoutQuery(pathAndQuery)
                        + " answered " + status + ": " + message);
            }
            byte[] b = response.body();
            try {
                return b.length == 0 ? json.createObjectNode() : json.readTree(b);
            } catch (JsonProcessingException e) { // an HTML page, a truncated answer: HighLevel's, and passing
                throw new HighLevelApiException(502, "HighLevel " + method + " " + pathWithoutQuery(pathAndQuery)
                        + " answered " + status + " with a body that is not JSON ("
                        + Redaction.of(new String(b, 0, Math.min(b.length, 80), StandardCharsets.UTF_8), null,
                        token) + ")");
            }
        }
    }

    /** HighLevel's {@code Retry-After} when it sends one, else half its window per attempt; jittered. */
    private static long backoffOn429(HttpTransport.Answer response, int attempt) {
        long retryAfter = RetryAfter.millis(response.header("Retry-After").orElse(null));
        Integer interval = header(response, "X-RateLimit-Interval-Milliseconds");
        long base = interval != null ? interval : 10_000L;
        return Math.max(retryAfter, base / 2 * attempt) + ThreadLocalRandom.current().nextLong(250, 1000);
    }

    private static Integer header(HttpTransport.Answer response, String name) {
        return response.header(name).map(v -> {
            try {
                return Integer.valueOf(v.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    /** HighLevel's error {@code message} is a string or an array of strings; either becomes one line. */
    String errorMessage(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            JsonNode m = n.path("message");
            if (m.isArray()) {
                StringJoiner j = new StringJoiner(", ");
                m.forEach(x -> j.add(x.asText()));
                return j.toString();
            }
            if (m.isTextual()) {
                return m.asText();
            }
            return n.path("error").asText(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
    }

    private static String pathWithoutQuery(String p) {
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
