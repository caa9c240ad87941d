package io.hlbridge.connectpage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.connections.ConnectionState;
import io.hlbridge.connections.ConnectionStates;
import io.hlbridge.highlevel.UserContext;
import io.hlbridge.store.CalendarStateStore;
import org.apache.camel.Message;

/**
 * {@code GET highlevel.custom-page.path/view} with the session as a bearer token: the signed-in user's own connection
 * in plain words (not connected; syncing; what broke and what to do), as the part of the page the script shows. Only
 * the session says whose: nothing in the request names a user or a location.
 */
public final class ConnectPageView extends SignedInStep {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ConnectionDirectory directory;
    private final ConnectionStates states;
    private final CalendarStateStore calendars;
    private final CalendarDiscovery discovery;
    private final SyncChoices global;
    private final Removals removals;

    /** @param global the global sync.* keys: what a connection that made no choice of its own follows */
    ConnectPageView(PageVisitors visitors, ConnectPage page, ConnectionDirectory directory, ConnectionStates states,
            CalendarStateStore calendars, CalendarDiscovery discovery, SyncChoices global, Removals removals) {
        super(visitors, page);
        this.directory = directory;
        this.states = states;
        this.calendars = calendars;
        this.discovery = discovery;
        this.global = global;
        this.removals = removals;
    }

    @Override
    void answer(Message m, UserContext user) throws Exception {
        page.secure(m, "text/html; charset=utf-8");
        m.setBody(render(user, null));
    }

    /**
     * The user's part of the page: who they are, their connection if they have one (with what they can change on it),
     * else the connect form; {@code notice}, when not null, says what was just done.
     */
    String render(UserContext user, String notice) throws Exception {
        PageText text = page.text();
        Map<String, Object> values = new HashMap<>();
        values.put("signedIn", text.get("view.signedIn", nameOf(user)));
        Optional<Removals.Job> removal = removals.of(userKey(user));
        if (removal.isPresent() && removal.get().removed != null) {
            notice = text.get("view.removed", removal.get().removed.icloudEvents(),
                    removal.get().removed.blockedSlots());
        } else if (removal.isPresent() && removal.get().failure != null) {
            notice = text.get("view.removalStopped", removal.get().failure);
            values.put("noticeAttention", true);
        }
        if (notice != null) {
            values.put("notice", notice);
        }
        Optional<Connection> c = directory.forUser(user.activeLocation(), user.userId());
        if (removal.isPresent() && removal.get().running()) {
            int total = removal.get().total.get();
            values.put("removing", total < 0 ? text.get("view.removing")
                    : text.get("view.removingCount", removal.get().done.get(), total));
        } else if (c.isEmpty()) {
            values.put("notConnected", text.get("view.notConnected"));
            values.put("form", ConnectForm.values(text));
        } else {
            ConnectionState state = states.of(c.get().name()).orElseThrow();
            String key = state.kind().written();
            Map<String, Object> connection = new HashMap<>();
            connection.put("stateKey", key);
            connection.put("stateClass", state.isDown() ? "attention" : "");
            String stateText = text.get("state." + key, state.reason());
            connection.put("stateText", state.kind() == ConnectionState.Kind.CALENDAR_REFUSED
                    ? stateText + " " + text.get("view.calendarGone") : stateText);
            connection.put("linked", text.get("view.connected", nameOf(c.get(), c.get().linkedCalendar())));
            List<String> conflicts = new ArrayList<>();
            for (String conflict : c.get().conflictCalendars()) {
                conflicts.add(nameOf(c.get(), conflict));
            }
            connection.put("conflicts", conflicts.isEmpty() ? text.get("view.noConflicts")
                    : text.get("view.conflicts", String.join(", ", conflicts)));
            long last = calendars.lastPolls(c.get().name()).values().stream().mapToLong(Long::longValue).max()
                    .orElse(0);
            connection.put("lastSync", last == 0 ? text.get("view.neverSynced")
                    : text.get("view.lastSync", WHEN.format(Instant.ofEpochMilli(last))));
            if (state.kind() == ConnectionState.Kind.NEEDS_APP_PASSWORD) {
                connection.put("reconnect", Map.of("newPassword", text.get("view.newPassword"), "help",
                        text.get("form.help"), "reconnectButton", text.get("view.reconnect")));
            }
            connection.put("changeCalendars", text.get("view.changeCalendars"));
            connection.put("choicesTitle", text.get("view.choicesTitle"));
            connection.put("options", ChoicesForm.options(text, c.get().choices(), global));
            connection.put("saveChoices", text.get("view.saveChoices"));
            connection.put("paused", state.kind() == ConnectionState.Kind.PAUSED);
            connection.put("pause", text.get("view.pause"));
            connection.put("resume", text.get("view.resume"));
            connection.put("disconnectKeep", text.get("view.disconnectKeep"));
            connection.put("disconnectRemove", text.get("view.disconnectRemove"));
            connection.put("removing", text.get("view.removing"));
            values.put("connection", connection);
        }
        if (user.admin()) {
            values.put("team", team(user, text));
        }
        return page.view(values);
    }

    /** An admin's view of their location: every user HighLevel lists there, with their connection's state. */
    private Map<String, Object> team(UserContext admin, PageText text) throws Exception {
        List<JsonNode> users = visitors.usersOf(admin.activeLocation());
        List<ConnectionDirectory.Entry> connected = new ArrayList<>();
        for (JsonNode u : users) {
            directory.forUser(admin.activeLocation(), u.path("id").asText())
                    .flatMap(c -> directory.entry(c.name())).ifPresent(connected::add);
        }
        Map<String, ConnectionState> stateOf = states.of(connected); // one read of the store for the whole list
        Map<String, String> nameOf = new HashMap<>();
        connected.forEach(e -> nameOf.put(e.connection().userId(), e.connection().name()));
        List<Map<String, Object>> members = new ArrayList<>();
        for (JsonNode u : users) {
            String id = u.path("id").asText();
            String name = u.path("name").asText(id);
            Map<String, Object> member = new HashMap<>();
            member.put("id", id);
            member.put("name", name);
            member.put("query", "user=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
            ConnectionState state = nameOf.containsKey(id) ? stateOf.get(nameOf.get(id)) : null;
            if (state == null) {
                member.put("stateKey", "not-connected");
                member.put("stateText", text.get("team.notConnected"));
            } else {
                member.put("connected", true);
                member.put("paused", state.kind() == ConnectionState.Kind.PAUSED);
                member.put("stateKey", state.kind().written());
                member.put("stateText", text.get("state." + state.kind().written(), state.reason()));
                member.put("pauseFor", text.get("team.pauseFor", name));
                member.put("resumeFor", text.get("team.resumeFor", name));
                member.put("disconnectFor", text.get("team.disconnectFor", name));
            }
            members.add(member);
        }
        return Map.of("title", text.get("team.title"), "members", members, "pause", text.get("team.pause"),
                "resume", text.get("team.resume"), "disconnect", text.get("team.disconnect"));
    }

    /**
     * A calendar as the user knows it, by its name in iCloud: the page stores the calendar's address, which is
     * unambiguous (the discovery behind it is cached); as configured when it cannot be found.
     */
    private String nameOf(Connection c, String calendar) {
        try {
            String name = discovery.find(c, calendar).displayName();
            return name == null || name.isBlank() ? calendar : name;
        } catch (Exception e) {
            return calendar;
        }
    }

    /** How the page names the user: their name in HighLevel, else their e-mail, else their id. */
    static String nameOf(UserContext user) {
        return user.userName() != null && !user.userName().isBlank() ? user.userName()
                : user.email() != null && !user.email().isBlank() ? user.email() : user.userId();
    }
}
