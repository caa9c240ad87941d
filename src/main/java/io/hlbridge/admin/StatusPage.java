package io.hlbridge.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.connections.ConnectionState;
import io.hlbridge.connections.ConnectionStatus;
import io.hlbridge.connections.Connections;
import io.hlbridge.http.HtmlTemplates;
import io.hlbridge.nodes.NodeDirectory;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.Stores;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /status}: one server-rendered page for a person (templates {@code status/*.mustache}, {@link HtmlTemplates}). Counts first; then the connections that need someone
 * (with why and since when), then the inbox entries that failed or are being retried, each with a retry button (a
 * plain form: no JavaScript); the connections that are fine are listed folded. Readable on a phone: the tables
 * become stacked cards on narrow screens.
 */
final class StatusPage {
    private static final int INBOX_ROWS = 200;
    /** Rows of each connection table: past them the page says how many more there are and offers the search. */
    static final int CONNECTION_ROWS = 200;
    private static final HtmlTemplates TEMPLATES = new HtmlTemplates("status");

    private final Connections connections;
    private final Stores stores;
    private final NodeDirectory nodes;

    StatusPage(Connections connections, Stores stores, NodeDirectory nodes) {
        this.connections = connections;
        this.stores = stores;
        this.nodes = nodes;
    }

    /**
     * The page; {@code query} (null: none) keeps the connections whose name, HighLevel user or location, or Apple ID
     * contains it. Each connection table shows at most {@link #CONNECTION_ROWS} rows, so the page stays quick to
     * make and to read with ten thousand connections; the counts are always of all of them.
     *
     * @param csrf the token each form that changes something sends back
     * @param canSignOut whether the page was opened by signing in (it then offers signing out)
     */
    String render(String notice, String query, String csrf, boolean canSignOut) throws Exception {
        long now = System.currentTimeMillis();
        Map<String, ConnectionState> states = connections.states().all();
        Map<InboxStore.State, Long> inbox = stores.inbox().countByState();
        List<ConnectionDirectory.Entry> attention = new ArrayList<>();
        List<ConnectionDirectory.Entry> fine = new ArrayList<>();
        int paused = 0;
        int down = 0;
        String q = query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
        for (ConnectionDirectory.Entry e : connections.directory().entries()) {
            ConnectionState s = states.get(e.connection().name());
            paused += s.kind() == ConnectionState.Kind.PAUSED ? 1 : 0;
            down += s.isDown() ? 1 : 0;
            if (q == null || matches(e, q)) {
                (s.isDown() ? attention : fine).add(e);
            }
        }
        List<String> shown = new ArrayList<>();
        attention.stream().limit(CONNECTION_ROWS).forEach(e -> shown.add(e.connection().name()));
        fine.stream().limit(CONNECTION_ROWS).forEach(e -> shown.add(e.connection().name()));
        Map<String, Map<String, Long>> polls = stores.calendars().lastPollsOf(shown);
        long failed = inbox.get(InboxStore.State.FAILED);
        Map<String, Object> v = page("Bridge status");
        v.put("now", Instant.ofEpochMilli(now).toString());
        v.put("node", nodes.self().id());
        v.put("canSignOut", canSignOut);
        v.put("csrf", csrf);
        v.put("notice", notice);
        v.put("counts", List.of(count("Connections", states.size(), ""), count("Need attention", down, down == 0
                ? "ok" : "bad"), count("Paused", paused, ""), count("Inbox pending", inbox.get(
                InboxStore.State.PENDING), ""), count("Retrying", inbox.get(InboxStore.State.RETRYING), ""),
                count("Failed", failed, failed > 0 ? "bad" : "ok")));
        v.put("query", q == null ? "" : query.strip());
        v.put("searching", q != null);
        v.put("attention", attention.isEmpty() ? null : connectionTable(attention, states, polls, now, "attention"));
        List<Map<String, Object>> items = new ArrayList<>();
        List<InboxStore.Item> entries = new ArrayList<>(stores.inbox().list(InboxStore.State.FAILED, INBOX_ROWS));
        entries.addAll(stores.inbox().list(InboxStore.State.RETRYING, INBOX_ROWS));
        for (InboxStore.Item i : entries) {
            items.add(Map.of("id", i.id(), "type", i.eventType(), "workKey", i.workKey(), "received",
                    ago(i.receivedAt(), now), "stateClass", i.state() == InboxStore.State.FAILED ? "down" : "paused",
                    "state", i.state().name().toLowerCase(Locale.ROOT), "attempts", i.attempts(), "reason",
                    i.lastError() == null ? "" : i.lastError()));
        }
        v.put("inbox", items);
        v.put("hasInbox", !items.isEmpty());
        List<Map<String, Object>> nodeRows = new ArrayList<>();
        for (NodeDirectory.Entry n : nodes.list()) {
            nodeRows.add(Map.of("id", n.nodeId(), "local", n.local(), "started", ago(n.startedAt(), now), "live",
                    n.live(), "heartbeat", ago(n.heartbeatAt(), now), "singletons", n.singletons(), "appointments",
                    n.appointments(), "appleIds", n.appleIds()));
        }
        v.put("nodes", nodeRows);
        v.put("alone", !nodes.self().shared());
        v.put("fineOpen", attention.isEmpty() && fine.size() <= 50 || q != null);
        v.put("fineCount", fine.size());
        v.put("fine", connectionTable(fine, states, polls, now, "fine"));
        return TEMPLATES.render("status", v);
    }

    /** One connection table: at most {@link #CONNECTION_ROWS} rows, and how many more there are. */
    private Map<String, Object> connectionTable(List<ConnectionDirectory.Entry> list,
            Map<String, ConnectionState> states, Map<String, Map<String, Long>> polls, long now, String id) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConnectionDirectory.Entry e : list.subList(0, Math.min(list.size(), CONNECTION_ROWS))) {
            String name = e.connection().name();
            ConnectionState s = states.get(name);
            Map<String, Object> row = new HashMap<>();
            row.put("name", name);
            row.put("userId", e.connection().userId());
            row.put("appleId", e.connection().appleId());
            row.put("configured", e.source() == ConnectionDirectory.Source.CONFIGURATION);
            row.put("stateClass", s.isDown() ? "down" : s.kind() == ConnectionState.Kind.PAUSED ? "paused" : "ok");
            row.put("label", label(s.kind()));
            row.put("since", s.since() > 0 ? ago(s.since(), now) : null);
            row.put("down", s.isDown() ? Map.of("reason", s.reason(), "fix", fix(s.kind(), name, e.source())) : null);
            List<Map<String, Object>> calendars = new ArrayList<>();
            polls.getOrDefault(name, Map.of()).forEach((url, at) -> {
                Map<String, Object> c = new HashMap<>();
                c.put("url", url);
                c.put("at", at == 0 ? null : ago(at, now));
                calendars.add(c);
            });
            row.put("polls", calendars);
            ConnectionStatus.Problem err = connections.status().lastError(name).orElse(null);
            row.put("lastError", err == null ? null : Map.of("at", ago(err.at(), now), "reason", err.reason()));
            rows.add(row);
        }
        Map<String, Object> table = new HashMap<>();
        table.put("id", id);
        table.put("rows", rows);
        table.put("more", list.size() > CONNECTION_ROWS ? Map.of("shown", CONNECTION_ROWS, "total", list.size())
                : null);
        return table;
    }

    private static boolean matches(ConnectionDirectory.Entry e, String q) {
        Connection c = e.connection();
        return c.name().toLowerCase(Locale.ROOT).contains(q) || c.userId().toLowerCase(Locale.ROOT).contains(q)
                || c.locationId().toLowerCase(Locale.ROOT).contains(q) || c.appleId().toLowerCase(Locale.ROOT)
                .contains(q);
    }

    /** The sign-in page, saying {@code problem} when not null. */
    static String signIn(String problem) {
        Map<String, Object> v = page("Sign in: bridge status");
        v.put("problem", problem);
        return TEMPLATES.render("sign-in", v);
    }

    /** A page that only says {@code message} (an error, a refusal), with a way back to the status page or not. */
    static String message(String title, String message, boolean back) {
        Map<String, Object> v = page(title);
        v.put("message", message);
        v.put("back", back);
        return TEMPLATES.render("message", v);
    }

    private static Map<String, Object> page(String title) {
        Map<String, Object> v = new HashMap<>();
        v.put("title", title);
        return v;
    }

    /** What to do about a connection in this state. */
    private static String fix(ConnectionState.Kind k, String name, ConnectionDirectory.Source source) {
        boolean configured = source == ConnectionDirectory.Source.CONFIGURATION;
        return switch (k) {
            case NEEDS_APP_PASSWORD -> "Make a new app-specific password at account.apple.com, then "
                    + (configured ? "set connections." + name + ".app-password and restart the bridge."
                    : "PATCH /admin/api/connections/" + name + " with {\"appPassword\": ...}: it is used at once.");
            case NEEDS_AUTHORIZATION -> "An admin of the location installs the Marketplace app again (the bridge's"
                    + " install link, highlevel.oauth.install-path); its connections resume at once.";
            case HIGHLEVEL_TOKEN_REFUSED -> "Give the connection a valid HighLevel token of its location ("
                    + (configured ? "connections." + name + ".highlevel-token" : "highlevelToken in the admin API") + ").";
            case CALENDAR_REFUSED -> "Pick a calendar the bridge can use (POST /admin/api/calendars lists them), then "
                    + (configured ? "change connections." + name + ".linked-calendar / conflict-calendars."
                    : "PATCH the connection's linkedCalendar / conflictCalendars.");
            case CALENDAR_SERVER_UNREACHABLE -> "Check that this machine reaches the CalDAV server (icloud.caldav-url:"
                    + " DNS, firewall, proxy); the connection recovers at its next good poll.";
            default -> "";
        };
    }

    private static Map<String, Object> count(String label, long n, String kind) {
        return Map.of("label", label, "n", n, "kind", kind);
    }

    private static String label(ConnectionState.Kind k) {
        return switch (k) {
            case OK -> "ok";
            case PAUSED -> "paused";
            case NEEDS_AUTHORIZATION -> "needs HighLevel authorization";
            case NEEDS_APP_PASSWORD -> "needs a new app password";
            case HIGHLEVEL_TOKEN_REFUSED -> "HighLevel token refused";
            case CALENDAR_REFUSED -> "calendar refused";
            case CALENDAR_SERVER_UNREACHABLE -> "calendar server unreachable";
        };
    }

    /** A time for {@code ago.mustache}: the instant, and how long ago it was. */
    private static Map<String, Object> ago(long at, long now) {
        Duration d = Duration.ofMillis(Math.max(0, now - at));
        String rel = d.toSeconds() < 60 ? d.toSeconds() + " s ago" : d.toMinutes() < 60 ? d.toMinutes() + " min ago"
                : d.toHours() < 48 ? d.toHours() + " h ago" : d.toDays() + " days ago";
        return Map.of("iso", Instant.ofEpochMilli(at).toString(), "rel", rel);
    }
}
