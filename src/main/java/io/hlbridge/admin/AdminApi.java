package io.hlbridge.admin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.connections.AdminRefusal;
import io.hlbridge.connections.ConnectionAdmin;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.connections.ConnectionState;
import io.hlbridge.connections.Connections;
import io.hlbridge.http.Redaction;
import io.hlbridge.nodes.NodeDirectory;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.Stores;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: JSON under {@code /admin/api} on the management port, described by {@code docs/admin-api.yaml}
 * (served at {@code /admin/api/openapi.yaml}). Bad requests are answered 400 naming the field, unknown names 404, a
 * name taken 409; a refused request changes nothing. No answer carries a secret. Each request runs on a Vert.x worker
 * thread, since it reads the store and may ask the CalDAV server and HighLevel.
 */
final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    static final String BASE = "/admin/api";
    private static final int DEFAULT_LIMIT = 100;
    private static final Set<String> CONNECTION_FIELDS = Set.of("name", "locationId", "userId", "appleId",
            "appPassword", "linkedCalendar", "conflictCalendars", "timeZone", "calendarId", "highlevelToken", "paused", "choices");

    private final ObjectMapper json = new ObjectMapper();
    private final Connections connections;
    private final ConnectionAdmin admin;
    private final Stores stores;
    private final NodeDirectory nodes;

    AdminApi(Connections connections, ConnectionAdmin admin, Stores stores, NodeDirectory nodes) {
        this.nodes = nodes;
        this.connections = connections;
        this.admin = admin;
        this.stores = stores;
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath().substring(BASE.length());
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(java.net.URLDecoder.decode(p, StandardCharsets.UTF_8));
            }
        }
        HttpMethod m = ctx.request().method();
        try {
            route(ctx, m, parts);
        } catch (AdminRefusal r) {
            answer(ctx, r.status(), AdminViews.problem(json, r.status(), r.field(), r.getMessage()));
        } catch (Exception e) {
            LOG.warn("Admin API {} {} failed: {}", m, ctx.normalizedPath(), e.toString());
            answer(ctx, 500, AdminViews.problem(json, 500, null, "the bridge could not do it: "
                    + Redaction.of(String.valueOf(e.getMessage()), null, null)));
        }
    }

    private void route(RoutingContext ctx, HttpMethod m, List<String> p) throws Exception {
        String first = p.isEmpty() ? "" : p.get(0);
        switch (first) {
            case "connections" -> connections(ctx, m, p);
            case "calendars" -> {
                expect(m, HttpMethod.POST, p, 1);
                ObjectNode b = body(ctx, Set.of("appleId", "appPassword"));
                ObjectNode r = json.createObjectNode();
                ArrayNode list = r.putArray("calendars");
                for (ConnectionAdmin.CalendarChoice c : admin.calendars(text(b, "appleId"), text(b, "appPassword"))) {
                    ObjectNode n = list.addObject().put("url", c.url().toString()).put("displayName", c.displayName());
                    n.putObject("linked").put("usable", c.asLinked() == null).put("reason", c.asLinked());
                    n.putObject("conflict").put("usable", c.asConflict() == null).put("reason", c.asConflict());
                }
                answer(ctx, 200, r);
            }
            case "users" -> {
                expect(m, HttpMethod.POST, p, 1);
                ObjectNode b = body(ctx, Set.of("locationId", "highlevelToken"));
                ObjectNode r = json.createObjectNode();
                ArrayNode list = r.putArray("users");
                for (JsonNode u : admin.users(text(b, "locationId"), text(b, "highlevelToken"))) {
                    list.addObject().put("id", u.path("id").asText()).put("name", u.path("name").asText(null))
                            .put("email", u.path("email").asText(null));
                }
                answer(ctx, 200, r);
            }
            case "inbox" -> inbox(ctx, m, p);
            case "nodes" -> {
                expect(m, HttpMethod.GET, p, 1);
                ObjectNode r = json.createObjectNode();
                ArrayNode list = r.putArray("nodes");
                for (NodeDirectory.Entry n : nodes.list()) {
                    list.addObject().put("nodeId", n.nodeId()).put("self", n.local()).put("live", n.live())
                            .put("startedAt", java.time.Instant.ofEpochMilli(n.startedAt()).toString())
                            .put("heartbeatAt", java.time.Instant.ofEpochMilli(n.heartbeatAt()).toString())
                            .put("singletonRoutes", n.singletons()).put("appointmentsWriting", n.appointments())
                            .put("appleIdsPolling", n.appleIds());
                }
                answer(ctx, 200, r);
            }
            case "openapi.yaml" -> {
                expect(m, HttpMethod.GET, p, 1);
                try (InputStream in = AdminApi.class.getResourceAsStream("/openapi/admin-api.yaml")) {
                    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/yaml")
                            .end(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            default -> throw AdminRefusal.notFound("no such resource: " + ctx.normalizedPath());
        }
    }

    private void connections(RoutingContext ctx, HttpMethod m, List<String> p) throws Exception {
        if (p.size() == 1) {
            if (m == HttpMethod.GET) {
                answer(ctx, 200, connectionList(intParam(ctx, "limit", DEFAULT_LIMIT, 1, 1000),
                        ctx.request().getParam("after")));
                return;
            }
            expect(m, HttpMethod.POST, p, 1);
            ConnectionDirectory.Entry e = admin.create(fields(body(ctx, CONNECTION_FIELDS)));
            answer(ctx, 201, view(e));
            return;
        }
        String name = p.get(1);
        if (p.size() == 3 && p.get(2).equals("resync")) {
            expect(m, HttpMethod.POST, p, 3);
            URI cal = admin.resync(name, text(body(ctx, Set.of("calendar")), "calendar"));
            answer(ctx, 202, json.createObjectNode().put("calendar", cal.toString()));
            return;
        }
        if (p.size() != 2) {
            throw AdminRefusal.notFound("no such resource: " + ctx.normalizedPath());
        }
        if (m == HttpMethod.GET) {
            answer(ctx, 200, view(connections.directory().entry(name).orElseThrow(() -> AdminRefusal.notFound(
                    "no connection named '" + name + "'"))));
        } else if (m == HttpMethod.PATCH) {
            answer(ctx, 200, view(admin.update(name, fields(body(ctx, CONNECTION_FIELDS)))));
        } else if (m == HttpMethod.DELETE) {
            String remove = ctx.request().getParam("removeCreated");
            if (remove != null && !remove.equals("true") && !remove.equals("false")) {
                throw AdminRefusal.badField("removeCreated", "is true or false");
            }
            ConnectionAdmin.Removal r = admin.delete(name, "true".equals(remove));
            ObjectNode n = json.createObjectNode();
            n.putObject("removed").put("icloudEvents", r.icloudEvents()).put("blockedSlots", r.blockedSlots());
            answer(ctx, 200, n);
        } else {
            throw new AdminRefusal(405, null, m + " is not supported on a connection");
        }
    }

    private void inbox(RoutingContext ctx, HttpMethod m, List<String> p) throws Exception {
        if (p.size() == 1) {
            expect(m, HttpMethod.GET, p, 1);
            String state = ctx.request().getParam("state", "failed");
            InboxStore.State s;
            try {
                s = InboxStore.State.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw AdminRefusal.badField("state", "is pending, retrying or failed");
            }
            int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, 1000);
            ObjectNode r = json.createObjectNode();
            ArrayNode list = r.putArray("entries");
            for (InboxStore.Item i : stores.inbox().list(s, limit)) {
                list.add(AdminViews.inboxEntry(json, i));
            }
            ObjectNode counts = r.putObject("counts");
            stores.inbox().countByState().forEach((k, v) -> counts.put(k.name().toLowerCase(Locale.ROOT), v));
            answer(ctx, 200, r);
            return;
        }
        if (p.size() == 2 && p.get(1).equals("retry-failed")) {
            expect(m, HttpMethod.POST, p, 2);
            int n = stores.inbox().retryAllFailed(System.currentTimeMillis());
            LOG.info("Admin API: {} failed inbox entries are due again", n);
            answer(ctx, 200, json.createObjectNode().put("retried", n));
            return;
        }
        long id;
        try {
            id = Long.parseLong(p.get(1));
        } catch (NumberFormatException e) {
            throw AdminRefusal.notFound("no inbox entry " + p.get(1));
        }
        if (p.size() == 3 && p.get(2).equals("retry")) {
            expect(m, HttpMethod.POST, p, 3);
            answer(ctx, 200, AdminViews.inboxEntry(json, retry(stores, id)));
        } else if (p.size() == 2 && m == HttpMethod.DELETE) {
            if (!stores.inbox().drop(id)) {
                throw AdminRefusal.notFound("no waiting or failed inbox entry " + id);
            }
            LOG.info("Admin API: inbox entry {} dropped", id);
            ctx.response().setStatusCode(204).end();
        } else if (p.size() == 2 && m == HttpMethod.GET) {
            answer(ctx, 200, AdminViews.inboxEntry(json, stores.inbox().item(id).orElseThrow(() -> AdminRefusal
                    .notFound("no waiting or failed inbox entry " + id))));
        } else {
            throw AdminRefusal.notFound("no such resource: " + ctx.normalizedPath());
        }
    }

    /** A failed or waiting entry, due now; shared with the status page's retry button. */
    static InboxStore.Item retry(Stores stores, long id) throws Exception {
        if (!stores.inbox().retryNow(id, System.currentTimeMillis())) {
            throw AdminRefusal.notFound("no waiting or failed inbox entry " + id);
        }
        LOG.info("Inbox entry {} is due again (retried by an operator)", id);
        return stores.inbox().item(id).orElseThrow(() -> AdminRefusal.notFound("no inbox entry " + id));
    }

    /**
     * One page of connections in name order: at most {@code limit} after the name {@code after} (a cursor that
     * stays valid when connections come and go), with the cursor of the next page. A page reads only its own
     * calendars' last polls, so paging through 10,000 connections costs what the pages hold.
     */
    private ObjectNode connectionList(int limit, String after) throws Exception {
        List<ConnectionDirectory.Entry> page = connections.directory().page(after, limit + 1);
        boolean more = page.size() > limit;
        page = more ? page.subList(0, limit) : page;
        Map<String, ConnectionState> states = connections.states().of(page);
        Map<String, Map<String, Long>> polls = stores.calendars().lastPollsOf(page.stream()
                .map(e -> e.connection().name()).toList());
        ObjectNode r = json.createObjectNode();
        ArrayNode list = r.putArray("connections");
        for (ConnectionDirectory.Entry e : page) {
            String name = e.connection().name();
            list.add(AdminViews.connection(json, e, states.get(name), connections.status().lastError(name)
                    .orElse(null), polls.getOrDefault(name, Map.of())));
        }
        r.put("total", connections.directory().entries().size());
        r.put("next", more ? page.get(page.size() - 1).connection().name() : null);
        return r;
    }

    private ObjectNode view(ConnectionDirectory.Entry e) throws Exception {
        String name = e.connection().name();
        return AdminViews.connection(json, e, connections.states().of(name).orElseThrow(), connections.status()
                .lastError(name).orElse(null), stores.calendars().lastPolls(name));
    }

    private ConnectionAdmin.Fields fields(ObjectNode b) throws AdminRefusal {
        List<String> conflicts = null;
        JsonNode cc = b.get("conflictCalendars");
        if (cc != null && !cc.isNull()) {
            if (!cc.isArray()) {
                throw AdminRefusal.badField("conflictCalendars", "is a list of calendar names or URLs");
            }
            conflicts = new ArrayList<>();
            for (JsonNode n : cc) {
                if (!n.isTextual() || n.asText().isBlank()) {
                    throw AdminRefusal.badField("conflictCalendars", "is a list of calendar names or URLs");
                }
                conflicts.add(n.asText().trim());
            }
        }
        Boolean paused = null;
        JsonNode pn = b.get("paused");
        if (pn != null && !pn.isNull()) {
            if (!pn.isBoolean()) {
                throw AdminRefusal.badField("paused", "is true or false");
            }
            paused = pn.asBoolean();
        }
        return new ConnectionAdmin.Fields(text(b, "name"), text(b, "locationId"), text(b, "userId"),
                text(b, "appleId"), text(b, "appPassword"), text(b, "linkedCalendar"), conflicts, text(b, "timeZone"),
                text(b, "calendarId"), text(b, "highlevelToken"), paused, choices(b.get("choices")));
    }

    /** {@code choices}: an object of the per-connection keys, each a string or null. */
    private static SyncChoices choices(JsonNode n) throws AdminRefusal {
        if (n == null || n.isNull()) {
            return null;
        }
        Set<String> keys = SyncChoices.GLOBAL.written().keySet();
        if (!n.isObject()) {
            throw AdminRefusal.badField("choices", "is an object with any of " + keys);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k) || !(n.get(k).isTextual() || n.get(k).isNull())) {
                throw AdminRefusal.badField("choices", "'" + k + "' is not one of " + keys + " with a text value");
            }
        }
        Map<String, String> written = new java.util.HashMap<>();
        keys.forEach(k -> written.put(k, n.path(k).asText(null)));
        try {
            return SyncChoices.parse(written);
        } catch (IllegalArgumentException e) {
            throw AdminRefusal.badField("choices", e.getMessage());
        }
    }

    /** The request body: a JSON object with only {@code allowed} fields. */
    private ObjectNode body(RoutingContext ctx, Set<String> allowed) throws AdminRefusal {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw AdminRefusal.badField(null, "the request needs a JSON object body");
        }
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw AdminRefusal.badField(null, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (!(n instanceof ObjectNode o)) {
            throw AdminRefusal.badField(null, "the body must be a JSON object");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw AdminRefusal.badField(f, "is not a field of this request (fields: " + String.join(", ",
                        new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return o;
    }

    private static String text(ObjectNode b, String field) throws AdminRefusal {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw AdminRefusal.badField(field, "is a string");
        }
        return n.asText();
    }

    private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) throws AdminRefusal {
        String v = ctx.request().getParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminRefusal.badField(name, "is a whole number from " + min + " to " + max);
    }

    private static void expect(HttpMethod m, HttpMethod wanted, List<String> p, int size) throws AdminRefusal {
        if (p.size() != size) {
            throw AdminRefusal.notFound("no such resource");
        }
        if (m != wanted) {
            throw new AdminRefusal(405, null, "use " + wanted + " here");
        }
    }

    private void answer(RoutingContext ctx, int status, JsonNode body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store")
                    .end(json.writeValueAsString(body));
        } catch (IOException e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
