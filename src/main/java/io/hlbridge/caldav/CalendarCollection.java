package io.hlbridge.caldav;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import io.hlbridge.highlevel.HighLevel;

/**
 * A collection in the user's calendar home, with what decides whether the bridge may use it.
 *
 * @param components    supported component names; empty when the server does not say (then anything goes)
 * @param privileges    current-user privileges; empty when the server does not say (then assumed writable)
 * @param source        {@code CS:source} href of a subscription, if any
 */
public record CalendarCollection(URI url, String displayName, Set<String> resourceTypes, Set<String> components,
        Set<String> privileges, String source) {

    public boolean isCalendar() {
        return resourceTypes.contains(Multistatus.CALDAV + "calendar");
    }

    public boolean isSubscribed() {
        return resourceTypes.contains(Multistatus.CS + "subscribed") || (source != null && !source.isBlank());
    }

    public String label() {
        return "'" + (displayName == null || displayName.isBlank() ? url.getPath() : displayName) + "' (" + url + ")";
    }

    /** Why the bridge will not write here, or empty when it may. */
    public Optional<String> refusalForWriting() {
        Optional<String> r = refusalForReading();
        if (r.isPresent()) {
            return r;
        }
        if (!privileges.isEmpty() && !(privileges.contains("write") || privileges.contains("write-content")
                || privileges.contains("all"))) {
            return Optional.of("it is read-only for this Apple ID (no DAV:write-content privilege); HighLevel needs"
                    + " writer access to the linked calendar");
        }
        return Optional.empty();
    }

    /** Why the bridge will not read busy time here, or empty when it may. */
    public Optional<String> refusalForReading() {
        if (isSubscribed()) {
            return Optional.of("it is a subscribed (webcal) calendar" + (source == null ? "" : " of " + source)
                    + "; subscription calendars cannot be synced");
        }
        if (!isCalendar()) {
            return Optional.of("it is not a calendar collection");
        }
        if (!components.isEmpty() && !components.contains("VEVENT")) {
            return Optional.of("it holds only " + String.join(", ", components)
                    + " (a reminders/task list), not events");
        }
        return Optional.empty();
    }
}
