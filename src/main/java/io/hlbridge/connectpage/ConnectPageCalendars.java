package io.hlbridge.connectpage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hlbridge.connections.AdminRefusal;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionAdmin;
import io.hlbridge.highlevel.UserContext;
import org.apache.camel.Message;

/**
 * {@code POST highlevel.custom-page.path/calendars}, the connect form's first step: the Apple ID's calendars as
 * discovery finds them, each offered as the linked calendar and as a conflict calendar, or shown refused with the
 * reason (subscribed, read-only, tasks only). A refused password says what an app-specific password is; after
 * {@link PasswordAttempts#MAX} refusals Apple is not asked again for a while.
 */
public final class ConnectPageCalendars extends SignedInStep {
    private final ConnectionAdmin admin;
    private final PasswordAttempts attempts;

    ConnectPageCalendars(PageVisitors visitors, ConnectPage page, ConnectionAdmin admin, PasswordAttempts attempts) {
        super(visitors, page);
        this.admin = admin;
        this.attempts = attempts;
    }

    @Override
    void answer(Message m, UserContext user) throws Exception {
        ConnectForm form = ConnectForm.read(m.getBody(String.class));
        PageText text = page.text();
        if (!form.hasCredentials()) {
            page.formError(m, 400, text.get("form.missing"));
            return;
        }
        String key = userKey(user);
        if (!attempts.allowed(key, form.appleId())) {
            page.formError(m, 429, text.get("form.tooManyAttempts"));
            return;
        }
        List<ConnectionAdmin.CalendarChoice> choices;
        try {
            choices = admin.calendars(form.appleId(), form.appPassword());
        } catch (AdminRefusal r) {
            refused(m, r, key, form, attempts, page);
            return;
        }
        if (choices.stream().allMatch(c -> c.asLinked() != null && c.asConflict() != null)) {
            page.formError(m, 422, text.get("form.noCalendars"));
            return;
        }
        page.answer(m, 200, "choices", choices(page, choices, null, "connect", text.get("form.connect")));
    }

    /**
     * The calendar choices part: each calendar as the linked one and as a conflict calendar, or refused with the
     * reason; {@code current}'s calendars checked when it is given. Its button posts {@code step}.
     */
    static String choices(ConnectPage page, List<ConnectionAdmin.CalendarChoice> choices, Connection current,
            String step, String button) {
        List<Map<String, Object>> calendars = new ArrayList<>();
        for (ConnectionAdmin.CalendarChoice c : choices) {
            Map<String, Object> v = new HashMap<>();
            v.put("index", calendars.size());
            v.put("url", c.url().toString());
            v.put("name", c.displayName() == null || c.displayName().isBlank() ? c.url().getPath() : c.displayName());
            v.put("linkedRefused", c.asLinked() == null ? false : c.asLinked());
            v.put("conflictRefused", c.asConflict() == null ? false : c.asConflict());
            v.put("linkedNow", current != null && c.isCalled(current.linkedCalendar()));
            v.put("conflictNow", current != null && current.conflictCalendars().stream().anyMatch(c::isCalled));
            calendars.add(v);
        }
        PageText text = page.text();
        return page.part("choices", Map.of("calendars", calendars, "linkedLegend", text.get("form.linked"),
                "conflictLegend", text.get("form.conflicts"), "step", step, "connect", button));
    }

    /** What the form says when connecting is refused: a wrong password counts against the user and the Apple ID. */
    static void refused(Message m, AdminRefusal r, String user, ConnectForm form, PasswordAttempts attempts,
            ConnectPage page) {
        if ("appPassword".equals(r.field())) {
            attempts.refused(user, form.appleId());
            page.formError(m, 422, page.text().get("form.passwordRefused"));
        } else if (r.status() == 502) {
            page.formError(m, 502, page.text().get("form.serverDown"));
        } else {
            page.formError(m, r.status(), r.getMessage());
        }
    }
}
