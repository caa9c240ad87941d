package io.hlbridge.connectpage;

import java.util.Locale;
import java.util.Optional;

import io.hlbridge.connections.AdminRefusal;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionAdmin;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.highlevel.UserContext;
import org.apache.camel.Message;

/**
 * {@code POST highlevel.custom-page.path/connect}, the connect form's last step: the session's user's connection is
 * made (or, when they have one, given the new Apple ID, password and calendars) through the same checks as the admin
 * API's (the Apple ID answers, the calendars can be what they are picked as), then the page shows it. The location
 * and user come from the session, never from the form.
 */
public final class ConnectPageConnect extends SignedInStep {
    private final ConnectPageView view;
    private final ConnectionAdmin admin;
    private final ConnectionDirectory directory;
    private final PasswordAttempts attempts;

    ConnectPageConnect(PageVisitors visitors, ConnectPage page, ConnectPageView view, ConnectionAdmin admin,
            ConnectionDirectory directory, PasswordAttempts attempts) {
        super(visitors, page);
        this.view = view;
        this.admin = admin;
        this.directory = directory;
        this.attempts = attempts;
    }

    @Override
    void answer(Message m, UserContext user) throws Exception {
        ConnectForm form = ConnectForm.read(m.getBody(String.class));
        if (!form.hasCredentials()) {
            page.formError(m, 400, page.text().get("form.missing"));
            return;
        }
        if (form.linkedCalendar().isBlank()) {
            page.formError(m, 400, page.text().get("form.pickLinked"));
            return;
        }
        String key = userKey(user);
        if (!attempts.allowed(key, form.appleId())) {
            page.formError(m, 429, page.text().get("form.tooManyAttempts"));
            return;
        }
        Optional<Connection> existing = directory.forUser(user.activeLocation(), user.userId());
        try {
            if (existing.isPresent()) {
                admin.update(existing.get().name(), new ConnectionAdmin.Fields(null, null, null, form.appleId(),
                        form.appPassword(), form.linkedCalendar(), form.conflictCalendars(), null, null, null, null,
                        null));
            } else {
                admin.create(new ConnectionAdmin.Fields(nameFor(user), user.activeLocation(), user.userId(),
                        form.appleId(), form.appPassword(), form.linkedCalendar(), form.conflictCalendars(), null,
                        null, visitors.highLevelToken(user.activeLocation()), false, null));
            }
        } catch (AdminRefusal r) {
            ConnectPageCalendars.refused(m, r, key, form, attempts, page);
            return;
        }
        page.answer(m, 200, "view", view.render(user, null));
    }

    /** The connection's name: {@code hl-} and the HighLevel user id, as the admin API's names are written. */
    static String nameFor(UserContext user) {
        String id = user.userId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        return ("hl-" + id).substring(0, Math.min(63, 3 + id.length()));
    }
}
