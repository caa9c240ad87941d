package io.hlbridge.connectpage;

import java.util.Optional;

import io.hlbridge.config.SyncChoices;
import io.hlbridge.connections.AdminRefusal;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionAdmin;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.highlevel.UserContext;
import org.apache.camel.Message;

/**
 * {@code POST highlevel.custom-page.path/connection/{change}}: what a connected user changes on their own connection
 * (the session's; nothing in the request names one). {@code password}: a new app-specific password, which lifts the
 * hold a refused one put on it at once; {@code pause}, {@code resume}; {@code disconnect} keeps what was synced,
 * {@code remove} deletes the iCloud events and HighLevel blocked slots the bridge made first; {@code calendars} offers
 * the Apple ID's calendars again (asked with the stored password), {@code save-calendars} keeps the ones picked;
 * {@code choices} saves the connection's own choices (event details, slot title, all-day, deletions). An admin of the
 * location
 * (HighLevel's {@code role: admin}) may also pause, resume or disconnect another user's connection of that location
 * ({@code ?user=}); nobody any other. A connection from the configuration is refused with the reason (an operator
 * changes it there).
 */
public final class ConnectPageChange extends SignedInStep {
    /** What a location's admin may change on another user's connection ({@code ?user=}); nothing else. */
    private static final java.util.Set<String> OTHERS = java.util.Set.of("pause", "resume", "disconnect");

    private final ConnectPageView view;
    private final ConnectionAdmin admin;
    private final ConnectionDirectory directory;
    private final PasswordAttempts attempts;
    private final Removals removals;

    ConnectPageChange(PageVisitors visitors, ConnectPage page, ConnectPageView view, ConnectionAdmin admin,
            ConnectionDirectory directory, PasswordAttempts attempts, Removals removals) {
        super(visitors, page);
        this.view = view;
        this.admin = admin;
        this.directory = directory;
        this.attempts = attempts;
        this.removals = removals;
    }

    @Override
    void answer(Message m, UserContext user) throws Exception {
        String change = String.valueOf(m.getHeader("change"));
        String target = m.getHeader("user", String.class);
        boolean other = target != null && !target.equals(user.userId());
        if (other && !(user.admin() && OTHERS.contains(change))) {
            page.formError(m, 403, page.text().get("team.onlyAdmins"));
            return;
        }
        Optional<Connection> own = directory.forUser(user.activeLocation(), other ? target : user.userId());
        if (other && own.isEmpty()) { // only in the admin's own location: nobody sees another
            page.formError(m, 404, page.text().get("team.notHere"));
            return;
        }
        if (own.isEmpty()) { // disconnected meanwhile (another tab, an operator): the page shows it
            page.answer(m, 200, "view", view.render(user, null));
            return;
        }
        String name = own.get().name();
        PageText text = page.text();
        String notice;
        try {
            switch (change) {
                case "password" -> {
                    ConnectForm form = ConnectForm.read(m.getBody(String.class));
                    String key = userKey(user);
                    if (form.appPassword().isEmpty()) {
                        page.formError(m, 400, text.get("form.missing"));
                        return;
                    }
                    if (!attempts.allowed(key, own.get().appleId())) {
                        page.formError(m, 429, text.get("form.tooManyAttempts"));
                        return;
                    }
                    try {
                        admin.update(name, new ConnectionAdmin.Fields(null, null, null, null, form.appPassword(),
                                null, null, null, null, null, null, null));
                    } catch (AdminRefusal r) {
                        ConnectPageCalendars.refused(m, r, key, new ConnectForm(own.get().appleId(), "", "",
                                java.util.List.of()), attempts, page);
                        return;
                    }
                    notice = text.get("view.reconnected");
                }
                case "pause", "resume" -> {
                    admin.update(name, ConnectionAdmin.Fields.pause(change.equals("pause")));
                    notice = null;
                }
                case "calendars" -> {
                    page.answer(m, 200, "choices", ConnectPageCalendars.choices(page, admin.calendars(own.get()),
                            own.get(), "connection/save-calendars", text.get("view.saveCalendars")));
                    return;
                }
                case "save-calendars" -> {
                    ConnectForm form = ConnectForm.read(m.getBody(String.class));
                    if (form.linkedCalendar().isBlank()) {
                        page.formError(m, 400, text.get("form.pickLinked"));
                        return;
                    }
                    admin.update(name, new ConnectionAdmin.Fields(null, null, null, null, null, form.linkedCalendar(),
                            form.conflictCalendars(), null, null, null, null, null));
                    notice = text.get("view.calendarsSaved");
                }
                case "choices" -> {
                    SyncChoices choices;
                    try {
                        choices = ChoicesForm.read(m.getBody(String.class));
                    } catch (IllegalArgumentException e) {
                        page.formError(m, 400, e.getMessage());
                        return;
                    }
                    admin.update(name, new ConnectionAdmin.Fields(null, null, null, null, null, null, null, null, null,
                            null, null, choices));
                    notice = text.get("view.choicesSaved");
                }
                case "disconnect" -> {
                    admin.delete(name, false);
                    notice = text.get("view.disconnected");
                }
                case "remove" -> { // in the background: the view shows its progress, then what it removed
                    removals.start(userKey(user), job -> admin.delete(name, true, job));
                    notice = null;
                }
                default -> {
                    page.formError(m, 404, "no such change");
                    return;
                }
            }
        } catch (AdminRefusal r) {
            page.formError(m, r.status(), r.getMessage());
            return;
        }
        page.answer(m, 200, "view", view.render(user, other ? null : notice)); // the admin's list shows the change
    }
}
