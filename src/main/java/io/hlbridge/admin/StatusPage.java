package io.hlbridge.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.connections.ConnectionState;
import io.hlbridge.connections.ConnectionStatus;
import io.hlbridge.connections.Connections;
import io.hlbridge.nodes.NodeDirectory;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.Stores;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /status}: one server-rendered page for a person. Counts first; then the connections that need someone
 * (with why and since when), then the inbox entries that failed or are being retried, each with a retry button (a
 * plain form: no JavaScript); the connections that are fine are listed folded. Readable on a phone: the tables
 * become stacked cards on narrow screens.
 */
final class StatusPage {
    private static final int INBOX_ROWS = 200;
    /** Rows of each connection table: past them the page says how many more there are and offers the search. */
    static final int CONNECTION_ROWS = 200;
    private static final String STYLE = """
            *{box-sizing:border-box}body{overflow-wrap:anywhere}
            body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
            header{background:#1d2430;color:#fff;padding:14px 20px}header h1{font-size:18px;margin:0}
            header p{margin:4px 0 0;color:#b9c2d0;font-size:13px}main{padding:16px 20px;max-width:1100px}
            .counts{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 18px}.count{background:#fff;border:1px solid #dde1e7;
            border-radius:8px;padding:10px 14px;min-width:120px}.count b{display:block;font-size:24px}
            .count.bad b{color:#b42318}.count.ok b{color:#067647}h2{font-size:16px;margin:22px 0 8px}
            table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e7;border-radius:8px}
            th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #eef0f3;vertical-align:top}
            th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5b6576}
            .state{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600}
            .state.ok{background:#dcfae6;color:#067647}.state.down{background:#fee4e2;color:#b42318}
            .state.paused{background:#eef0f3;color:#5b6576}.why{color:#5b6576;font-size:13px}
            .note{background:#dcfae6;border:1px solid #a6f4c5;border-radius:8px;padding:8px 12px}
            .fix{font-size:13px;margin-top:4px}
            button{white-space:nowrap;font:inherit;padding:4px 12px;border-radius:6px;border:1px solid #1d2430;background:#1d2430;color:#fff}
            details{margin-top:8px}summary{cursor:pointer}code{font-size:13px;word-break:break-all}
            .find{margin:0 0 8px}.find input{font:inherit;padding:4px 8px;width:min(100%,320px)}.more{color:#5b6576}
            @media (max-width:640px){table,thead,tbody,tr,th,td{display:block}thead{display:none}
            tr{border-bottom:8px solid #f6f7f9}td{border:0;padding:4px 10px}td[data-label]:before{content:attr(data-label);
            display:block;font-size:11px;text-transform:uppercase;color:#5b6576}}
            """;

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
     */
    /**
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
        StringBuilder h = new StringBuilder(8192 + 600 * shown.size());
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Bridge status</title><style>").append(STYLE).append("</style></head><body>")
                .append("<header><h1>HighLevel ⇄ iCloud bridge</h1><p>Status at ").append(esc(Instant.ofEpochMilli(now)
                        .toString())).append(", from node ").append(esc(nodes.self().id())).append("</p>");
        if (canSignOut) {
            h.append("<form method=\"post\" action=\"/status/logout\">").append(csrfField(csrf))
                    .append("<button type=\"submit\">Sign out</button></form>");
        }
        h.append("</header><main>");
        if (notice != null) {
            h.append("<p class=\"note\" role=\"status\">").append(esc(notice)).append("</p>");
        }
        h.append("<section class=\"counts\" aria-label=\"Counts\">");
        count(h, "Connections", states.size(), "");
        count(h, "Need attention", down, down == 0 ? "ok" : "bad");
        count(h, "Paused", paused, "");
        count(h, "Inbox pending", inbox.get(InboxStore.State.PENDING), "");
        count(h, "Retrying", inbox.get(InboxStore.State.RETRYING), "");
        count(h, "Failed", inbox.get(InboxStore.State.FAILED), inbox.get(InboxStore.State.FAILED) > 0 ? "bad" : "ok");
        h.append("</section>");

        h.append("<form class=\"find\" method=\"get\" action=\"/status\" role=\"search\"><label for=\"q\">Find a")
                .append(" connection</label> <input id=\"q\" name=\"q\" type=\"search\" placeholder=\"name, user, Apple ID\"")
                .append(" value=\"").append(q == null ? "" : esc(query.strip())).append("\"> <button type=\"submit\">Find")
                .append("</button>").append(q == null ? "" : " <a href=\"/status\">Show all</a>").append("</form>");
        h.append("<h2>Connections that need attention</h2>");
        if (attention.isEmpty()) {
            h.append(q == null ? "<p>None: every connection syncs.</p>" : "<p>None that match.</p>");
        } else {
            connectionTable(h, attention, states, polls, now, "attention");
        }
        h.append("<h2>Inbox: failed and retrying</h2>");
        List<InboxStore.Item> items = new ArrayList<>(stores.inbox().list(InboxStore.State.FAILED, INBOX_ROWS));
        items.addAll(stores.inbox().list(InboxStore.State.RETRYING, INBOX_ROWS));
        if (items.isEmpty()) {
            h.append("<p>Nothing failed or waiting for a retry.</p>");
        } else {
            h.append("<table id=\"inbox\"><thead><tr><th>Entry</th><th>State</th><th>Reason</th><th></th></tr></thead>")
                    .append("<tbody>");
            for (InboxStore.Item i : items) {
                h.append("<tr id=\"inbox-").append(i.id()).append("\"><td data-label=\"Entry\">#").append(i.id())
                        .append(" ").append(esc(i.eventType())).append("<br><span class=\"why\">")
                        .append(esc(i.workKey())).append(", received ").append(ago(i.receivedAt(), now))
                        .append("</span></td><td data-label=\"State\"><span class=\"state ")
                        .append(i.state() == InboxStore.State.FAILED ? "down" : "paused").append("\">")
                        .append(i.state().name().toLowerCase(Locale.ROOT)).append("</span> after ").append(i.attempts())
                        .append(" attempt(s)</td><td data-label=\"Reason\" class=\"why\">").append(esc(i.lastError()))
                        .append("</td><td><form method=\"post\" action=\"/status/inbox/").append(i.id())
                        .append("/retry\">").append(csrfField(csrf))
                        .append("<button type=\"submit\">Retry now</button></form></td></tr>");
            }
            h.append("</tbody></table>");
        }
        nodeTable(h, now);
        h.append("<h2>Connections that sync</h2><details").append(attention.isEmpty() && fine.size() <= 50 || q != null
                ? " open" : "")
                .append("><summary>").append(fine.size()).append(" connection(s)</summary>");
        connectionTable(h, fine, states, polls, now, "fine");
        h.append("</details></main></body></html>");
        return h.toString();
    }

    private void connectionTable(StringBuilder h, List<ConnectionDirectory.Entry> list, Map<String,
            ConnectionState> states, Map<String, Map<String, Long>> polls, long now, String id) {
        h.append("<table id=\"connections-").append(id).append("\"><thead><tr><th>Connection</th><th>State</th>")
                .append("<th>Last successful poll</th><th>Last error</th></tr></thead><tbody>");
        for (ConnectionDirectory.Entry e : list.subList(0, Math.min(list.size(), CONNECTION_ROWS))) {
            String name = e.connection().name();
            ConnectionState s = states.get(name);
            h.append("<tr id=\"connection-").append(esc(name)).append("\"><td data-label=\"Connection\"><b>")
                    .append(esc(name)).append("</b><br><span class=\"why\">HighLevel user ")
                    .append(esc(e.connection().userId())).append(" · ").append(esc(e.connection().appleId()))
                    .append(e.source() == ConnectionDirectory.Source.CONFIGURATION ? " · from configuration" : "")
                    .append("</span></td><td data-label=\"State\"><span class=\"state ")
                    .append(s.isDown() ? "down" : s.kind() == ConnectionState.Kind.PAUSED ? "paused" : "ok")
                    .append("\">").append(label(s.kind())).append("</span>");
            if (s.since() > 0) {
                h.append(" since ").append(ago(s.since(), now));
            }
            if (s.isDown()) {
                h.append("<br><span class=\"why\">").append(esc(s.reason())).append("</span><div class=\"fix\">")
                        .append(esc(fix(s.kind(), name, e.source()))).append("</div>");
            }
            h.append("</td><td data-label=\"Last successful poll\">");
            Map<String, Long> p = polls.getOrDefault(name, Map.of());
            if (p.isEmpty()) {
                h.append("<span class=\"why\">not polled yet</span>");
            }
            p.forEach((url, at) -> h.append("<code>").append(esc(url)).append("</code>: ")
                    .append(at == 0 ? "never" : ago(at, now)).append("<br>"));
            h.append("</td><td data-label=\"Last error\" class=\"why\">");
            ConnectionStatus.Problem err = connections.status().lastError(name).orElse(null);
            h.append(err == null ? "none" : ago(err.at(), now) + ": " + esc(err.reason())).append("</td></tr>");
        }
        h.append("</tbody></table>");
        if (list.size() > CONNECTION_ROWS) {
            h.append("<p class=\"more\">The first ").append(CONNECTION_ROWS).append(" of ").append(list.size())
                    .append(" are shown: find a connection by its name, user or Apple ID above, or page through them")
                    .append(" with GET /admin/api/connections.</p>");
        }
    }

    /** The nodes on the store: which is alive, which runs the singleton routes, what each is working on. */
    private void nodeTable(StringBuilder h, long now) throws java.sql.SQLException {
        List<NodeDirectory.Entry> list = nodes.list();
        h.append("<h2>Nodes</h2><table id=\"nodes\"><thead><tr><th>Node</th><th>State</th><th>Holds</th></tr></thead>")
                .append("<tbody>");
        for (NodeDirectory.Entry n : list) {
            h.append("<tr id=\"node-").append(esc(n.nodeId())).append("\"><td data-label=\"Node\"><b>")
                    .append(esc(n.nodeId())).append("</b>").append(n.local() ? " (this page)" : "")
                    .append("<br><span class=\"why\">started ").append(ago(n.startedAt(), now))
                    .append("</span></td><td data-label=\"State\"><span class=\"state ")
                    .append(n.live() ? "ok\">live" : "down\">silent").append("</span> heartbeat ")
                    .append(ago(n.heartbeatAt(), now)).append("</td><td data-label=\"Holds\">")
                    .append(n.singletons() ? "the singleton routes (reconciliation, retention, idle token refresh); "
                            : "").append(n.appointments()).append(" appointment(s) being written, ")
                    .append(n.appleIds()).append(" Apple ID(s) being polled</td></tr>");
        }
        h.append("</tbody></table>");
        if (!nodes.self().shared()) {
            h.append("<p class=\"why\">This node is alone on its store (an embedded H2 file). Several nodes need a")
                    .append(" shared database: docs/operate.md, \"Run several nodes\".</p>");
        }
    }

    private static boolean matches(ConnectionDirectory.Entry e, String q) {
        Connection c = e.connection();
        return c.name().toLowerCase(Locale.ROOT).contains(q) || c.userId().toLowerCase(Locale.ROOT).contains(q)
                || c.locationId().toLowerCase(Locale.ROOT).contains(q) || c.appleId().toLowerCase(Locale.ROOT)
                .contains(q);
    }

    private static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">";
    }

    static String signIn(String problem) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>Sign in: bridge status</title><style>"
                + STYLE + "</style></head><body><header><h1>HighLevel ⇄ iCloud bridge</h1></header><main>"
                + (problem == null ? "" : "<p class=\"note\" role=\"alert\">" + esc(problem) + "</p>")
                + "<form method=\"post\" action=\"/status/login\"><p><label for=\"token\">Admin token"
                + " (bridge.admin.token)</label><br><input id=\"token\" name=\"token\" type=\"password\""
                + " autocomplete=\"current-password\" required style=\"font:inherit;padding:6px;width:min(100%,420px)\">"
                + "</p><p><button type=\"submit\">Sign in</button></p></form></main></body></html>";
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

    private static void count(StringBuilder h, String label, long n, String kind) {
        h.append("<div class=\"count ").append(kind).append("\"><b>").append(n).append("</b>").append(esc(label))
                .append("</div>");
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

    private static String ago(long at, long now) {
        Duration d = Duration.ofMillis(Math.max(0, now - at));
        String rel = d.toSeconds() < 60 ? d.toSeconds() + " s ago" : d.toMinutes() < 60 ? d.toMinutes() + " min ago"
                : d.toHours() < 48 ? d.toHours() + " h ago" : d.toDays() + " days ago";
        return "<time datetime=\"" + Instant.ofEpochMilli(at) + "\" title=\"" + Instant.ofEpochMilli(at) + "\">" + rel
                + "</time>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
