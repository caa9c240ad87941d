package io.hlbridge.connections;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.caldav.CalDav;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarCollection;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.StoredConnection;
import io.hlbridge.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections created, changed, paused and removed at run time (the admin API), and the connect flow's lookups: an
 * Apple ID's calendars with what each can be, and a location's users. A connection is stored only once its Apple ID,
 * calendars and HighLevel user were checked against the servers; a request that is refused changes nothing. Changes
 * take effect at once in this process (the directory takes each change) and within one poll interval elsewhere.
 */
public class ConnectionAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAdmin.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final String APP_PASSWORD_HELP = "make an app-specific password at https://account.apple.com (Sign-In and"
            + " Security, App-Specific Passwords) and use it here: the Apple ID's own password is refused";

    /**
     * The fields of a create or change request; null is "not given".
     *
     * @param choices every choice of the connection, replacing those it had (a field left null takes the global key)
     */
    public record Fields(String name, String locationId, String userId, String appleId, String appPassword,
            String linkedCalendar, List<String> conflictCalendars, String timeZone, String calendarId,
            String highlevelToken, Boolean paused, SyncChoices choices) {

        /** A request that only pauses or resumes. */
        public static Fields pause(boolean paused) {
            return new Fields(null, null, null, null, null, null, null, null, null, null, paused, null);
        }

        /** Whether the servers must be asked again: what the request changes is more than the pause and choices. */
        boolean needsVerifying() {
            return locationId != null || userId != null || appleId != null || appPassword != null
                    || linkedCalendar != null || conflictCalendars != null || timeZone != null || calendarId != null
                    || highlevelToken != null;
        }
    }

    /** A calendar of an Apple ID and what it can be: null means it can, otherwise why not. */
    public record CalendarChoice(URI url, String displayName, String asLinked, String asConflict) {

        /** Whether a connection's calendar setting (its URL, path or display name) names this calendar. */
        public boolean isCalled(String wanted) {
            return called(url, displayName, wanted);
        }
    }

    /** What a clean disconnect removed. */
    public record Removal(int icloudEvents, int blockedSlots) {
    }

    /** Follows a clean disconnect as it goes: how many items it removes, then each one done (removed or not). */
    public interface RemovalProgress {
        RemovalProgress NONE = new RemovalProgress() {
        };

        default void total(int items) {
        }

        default void done() {
        }
    }

    private final Connections connections;
    private final Stores stores;
    private final CalDav caldav;
    private final HighLevelClient highLevel;
    private final AppointmentRewrites rewrites;
    private final boolean slotsPerCalendar;

    /** @param slotsPerCalendar sync.blocked-slot-scope=calendar: every connection needs its calendarId */
    public ConnectionAdmin(Connections connections, Stores stores, CalDav caldav, HighLevelClient highLevel,
            AppointmentRewrites rewrites, boolean slotsPerCalendar) {
        this.connections = connections;
        this.stores = stores;
        this.caldav = caldav;
        this.highLevel = highLevel;
        this.rewrites = rewrites;
        this.slotsPerCalendar = slotsPerCalendar;
    }

    public ConnectionDirectory.Entry create(Fields f) throws Exception {
        String name = required(f.name(), "name");
        if (!NAME.matcher(name).matches()) {
            throw AdminRefusal.badField("name", "use 1 to 63 lower-case letters, digits, '-' and '_', starting with a"
                    + " letter or digit");
        }
        if (!stores.storedConnections().canStore()) {
            throw new AdminRefusal(503, null, "bridge.secret-key is not set, so no connection can be stored: set it"
                    + " (openssl rand -base64 32) and restart the bridge");
        }
        if (connections.directory().entry(name).isPresent()) {
            throw new AdminRefusal(409, "name", "a connection named '" + name + "' exists");
        }
        long now = System.currentTimeMillis();
        StoredConnection c = new StoredConnection(name, required(f.locationId(), "locationId"),
                required(f.userId(), "userId"), required(f.appleId(), "appleId"), required(f.appPassword(),
                "appPassword"), f.highlevelToken() == null ? "" : f.highlevelToken(), required(f.linkedCalendar(),
                "linkedCalendar"), f.conflictCalendars(), zone(f.timeZone()), emptyToNull(f.calendarId()),
                f.choices(), Boolean.TRUE.equals(f.paused()), now, now);
        userFree(c, null);
        verify(c);
        stores.storedConnections().insert(c);
        connections.directory().stored(c);
        LOG.info("Connection '{}' created: HighLevel user {} of location {}, Apple ID {}, linked calendar '{}'", name,
                c.userId(), c.locationId(), c.appleId(), c.linkedCalendar());
        return connections.directory().entry(name).orElseThrow();
    }

    public ConnectionDirectory.Entry update(String name, Fields f) throws Exception {
        StoredConnection old = stored(name);
        if (f.name() != null && !f.name().equals(name)) {
            throw AdminRefusal.badField("name", "a connection cannot be renamed: create one under the new name and"
                    + " delete this one");
        }
        StoredConnection c = new StoredConnection(name, or(f.locationId(), old.locationId()), or(f.userId(),
                old.userId()), or(f.appleId(), old.appleId()), or(f.appPassword(), old.appPassword()),
                or(f.highlevelToken(), old.highLevelToken()), or(f.linkedCalendar(), old.linkedCalendar()), f.conflictCalendars() == null ? old.conflictCalendars()
                : f.conflictCalendars(), f.timeZone() == null ? old.timeZone() : zone(f.timeZone()),
                f.calendarId() == null ? old.calendarId() : emptyToNull(f.calendarId()), f.choices() == null
                ? old.choices() : f.choices(), f.paused() == null ? old.paused() : f.paused(), old.createdAt(),
                Math.max(System.currentTimeMillis(), old.updatedAt() + 1));
        if (f.needsVerifying()) {
            userFree(c, name);
            verify(c);
        }
        stores.storedConnections().update(c);
        caldav.discovery().forget(ConnectionDirectory.toConnection(c));
        connections.directory().stored(c);
        boolean newPassword = !c.appPassword().equals(old.appPassword()) || !c.appleId().equals(old.appleId());
        if (newPassword) {
            connections.status().forget(name);
            LOG.info("Connection '{}': new app-specific password; the connection is used again", name);
        }
        if (old.paused() != c.paused()) {
            LOG.info("Connection '{}' {}", name, c.paused() ? "paused: no polls, its calendar writes wait" : "resumed");
        }
        if (newPassword || old.paused() && !c.paused()) {
            stores.inbox().makeDue(System.currentTimeMillis()); // the work that waited for it runs now
        }
        applyToSynced(old, c);
        return connections.directory().entry(name).orElseThrow();
    }

    /**
     * What a change means for the appointments synced already: another linked calendar or other event details write
     * their events again (moved, or shown as the new details say). Other busy-time choices need nothing here: the next
     * poll of each calendar finds them changed and plans every event again (DetectCalendarChanges); iCloud deletions
     * apply from the next deletion on.
     */
    private void applyToSynced(StoredConnection old, StoredConnection now) throws Exception {
        Connection c = ConnectionDirectory.toConnection(now);
        if (old.choices().eventDetails() != now.choices().eventDetails()
                || !old.linkedCalendar().equals(now.linkedCalendar())) {
            String what = old.linkedCalendar().equals(now.linkedCalendar()) ? "event details" : "the linked calendar";
            try {
                LOG.info("Connection '{}': {} changed; {} appointment(s) are written to iCloud again", c.name(), what,
                        rewrites.rewriteAll(c));
            } catch (Exception e) { // the change stands: each appointment follows it at its own next change
                LOG.warn("Connection '{}': {} changed, but its appointments could not be listed to write them again"
                        + " ({}); each follows at its next change", c.name(), what, e.getMessage());
            }
        }
    }

    /**
     * Stops and deletes a stored connection. With {@code removeCreated}, the iCloud events (appointments' and
     * HighLevel slots' busy events) and HighLevel blocked slots the bridge made for it are deleted first; if one cannot
     * be, the connection stays (paused, so it makes nothing new) and the request can be repeated.
     */
    public Removal delete(String name, boolean removeCreated) throws Exception {
        return delete(name, removeCreated, RemovalProgress.NONE);
    }

    /** {@link #delete(String, boolean)}, telling {@code progress} how far the removal got. */
    public Removal delete(String name, boolean removeCreated, RemovalProgress progress) throws Exception {
        StoredConnection old = stored(name);
        Connection c = ConnectionDirectory.toConnection(old);
        int events = 0;
        int slots = 0;
        if (removeCreated) {
            if (!old.paused()) {
                update(name, Fields.pause(true));
            }
            List<String> failures = new ArrayList<>();
            List<EventLink> made = stores.links().ofConnection(name, EventLink.ORIGIN_HIGHLEVEL);
            List<BlockedSlotStore.Slot> posted = stores.slots().ofConnection(name).stream()
                    .filter(s -> s.slotId() != null).toList();
            List<String> hrefs = new ArrayList<>(made.stream().map(EventLink::href).toList());
            stores.slotCopies().ofConnection(name).values().forEach(copy -> hrefs.add(copy.href()));
            progress.total(hrefs.size() + posted.size());
            for (String href : hrefs) {
                try {
                    caldav.client().delete(c, URI.create(href), null);
                    events++;
                } catch (CalDavException e) {
                    failures.add("iCloud event " + href + ": " + e.getMessage());
                }
                progress.done();
            }
            for (BlockedSlotStore.Slot s : posted) {
                try {
                    highLevel.deleteEvent(c, s.slotId());
                    slots++;
                } catch (HighLevelApiException e) {
                    failures.add("blocked slot " + s.slotId() + ": " + e.getMessage());
                }
                progress.done();
            }
            if (!failures.isEmpty()) {
                throw new AdminRefusal(502, null, failures.size() + " item(s) could not be removed (the connection"
                        + " stays, paused; repeat the request): " + String.join("; ", failures.subList(0,
                        Math.min(5, failures.size()))));
            }
        }
        stores.storedConnections().delete(name);
        caldav.discovery().forget(c);
        connections.status().forget(name);
        connections.directory().deleted(name);
        LOG.info("Connection '{}' deleted{}", name, removeCreated ? " with the " + events + " iCloud event(s) and "
                + slots + " blocked slot(s) the bridge made for it" : "");
        return new Removal(events, slots);
    }

    /** The calendar's next poll is a full resync (a dropped sync token); {@code calendar} is a URL or a name. */
    public URI resync(String name, String calendar) throws Exception {
        Connection c = connections.directory().byName(name).orElseThrow(() -> AdminRefusal.notFound(
                "no connection named '" + name + "'"));
        CalendarCollection cal;
        try {
            cal = caldav.discovery().find(c, required(calendar, "calendar"));
        } catch (CalDavException.CalendarRefused e) {
            throw AdminRefusal.badField("calendar", e.getMessage());
        }
        if (!stores.calendars().resync(name, cal.url().toString())) {
            throw AdminRefusal.badField("calendar", "calendar " + cal.label() + " has not been polled for '" + name
                    + "' yet");
        }
        LOG.info("Connection '{}': calendar {} is resynced at its next poll", name, cal.label());
        return cal.url();
    }

    /** The calendars of an Apple ID, each with whether it can be the linked calendar or a conflict calendar. */
    public List<CalendarChoice> calendars(String appleId, String appPassword) throws Exception {
        return calendars(new Connection("listing", "", "", "", required(appleId, "appleId"),
                required(appPassword, "appPassword"), "", List.of(), null, null));
    }

    /** The calendars of a connection's Apple ID, asked now with its stored password (to change its calendars). */
    public List<CalendarChoice> calendars(Connection c) throws Exception {
        List<CalendarChoice> choices = new ArrayList<>();
        for (CalendarCollection cal : discover(c)) {
            if (cal.isCalendar() || cal.isSubscribed()) {
                choices.add(new CalendarChoice(cal.url(), cal.displayName(), cal.refusalForWriting().orElse(null),
                        cal.refusalForReading().orElse(null)));
            }
        }
        return choices;
    }

    /** The users of a location, read with its token. */
    public List<JsonNode> users(String locationId, String highlevelToken) throws Exception {
        Connection probe = new Connection("listing", required(locationId, "locationId"), "",
                highlevelToken, "", "", "", List.of(), null, null); // no token: the location's installation's
        try {
            return highLevel.listUsers(probe);
        } catch (HighLevelApiException e) {
            throw highLevelRefusal(e);
        }
    }

    private StoredConnection stored(String name) throws Exception {
        Optional<ConnectionDirectory.Entry> e = connections.directory().entry(name);
        if (e.isEmpty()) {
            throw AdminRefusal.notFound("no connection named '" + name + "'");
        }
        if (e.get().source() == ConnectionDirectory.Source.CONFIGURATION) {
            throw new AdminRefusal(409, "name", "connection '" + name + "' is defined in the configuration"
                    + " (connections." + name + ".*): change it there and restart");
        }
        return stores.storedConnections().byName(name).orElseThrow(() -> AdminRefusal.notFound(
                "no connection named '" + name + "'"));
    }

    /** The Apple ID answers, the calendars can be what they are asked to be, and the user is in the location. */
    private void verify(StoredConnection s) throws Exception {
        Connection c = ConnectionDirectory.toConnection(s);
        if (slotsPerCalendar && c.calendarId() == null) {
            throw AdminRefusal.badField("calendarId", "sync.blocked-slot-scope=calendar: give the HighLevel calendar"
                    + " this connection's busy time blocks");
        }
        List<CalendarCollection> home = discover(c);
        CalendarCollection linked = pick(home, c.linkedCalendar(), "linkedCalendar");
        String why = linked.refusalForWriting().orElse(null);
        if (why != null) {
            throw AdminRefusal.badField("linkedCalendar", "calendar " + linked.label() + " cannot be the linked"
                    + " calendar: " + why);
        }
        for (String name : c.conflictCalendars()) {
            CalendarCollection cal = pick(home, name, "conflictCalendars");
            String refused = cal.refusalForReading().orElse(null);
            if (refused != null) {
                throw AdminRefusal.badField("conflictCalendars", "calendar " + cal.label() + " cannot be a conflict"
                        + " calendar: " + refused);
            }
        }
        List<JsonNode> users;
        try {
            users = highLevel.listUsers(c);
        } catch (HighLevelApiException e) {
            throw highLevelRefusal(e);
        }
        if (users.stream().noneMatch(u -> c.userId().equals(u.path("id").asText()))) {
            throw AdminRefusal.badField("userId", "'" + c.userId() + "' is not a user of location " + c.locationId()
                    + "; its users: " + users.stream().map(u -> u.path("id").asText() + " (" + u.path("name").asText()
                    + ")").toList());
        }
    }

    private List<CalendarCollection> discover(Connection c) throws Exception {
        try {
            return caldav.discovery().discoverNow(c);
        } catch (CalDavException.Unauthorized e) {
            throw AdminRefusal.badField("appPassword", "the CalDAV server refused Apple ID " + c.appleId()
                    + " with this password: " + APP_PASSWORD_HELP);
        } catch (CalDavException e) {
            throw new AdminRefusal(502, null, "the CalDAV server could not be asked for the calendars of "
                    + c.appleId() + ": " + e.getMessage());
        }
    }

    private static CalendarCollection pick(List<CalendarCollection> home, String wanted, String field)
            throws AdminRefusal {
        for (CalendarCollection cal : home) {
            if (called(cal.url(), cal.displayName(), wanted)) {
                return cal;
            }
        }
        throw AdminRefusal.badField(field, "no calendar named or at '" + wanted + "'; calendars: " + home.stream()
                .filter(CalendarCollection::isCalendar).map(CalendarCollection::label).toList());
    }

    private static boolean called(URI url, String displayName, String wanted) {
        String w = wanted.endsWith("/") ? wanted : wanted + "/";
        return url.toString().equals(w) || url.getPath().equals(w)
                || displayName != null && displayName.equalsIgnoreCase(wanted.trim());
    }

    private static AdminRefusal highLevelRefusal(HighLevelApiException e) {
        if (e.status() == 401 || e.status() == 403) {
            return AdminRefusal.badField("highlevelToken", "HighLevel refused the token for this location ("
                    + e.status() + "): use a Private Integration token or an OAuth location token of the location");
        }
        return new AdminRefusal(502, null, "HighLevel could not be asked for the location's users: " + e.getMessage());
    }

    /** No other connection is this HighLevel user's. */
    private void userFree(StoredConnection c, String self) throws AdminRefusal {
        Optional<Connection> other = connections.directory().forUser(c.locationId(), c.userId());
        if (other.isPresent() && !other.get().name().equals(self)) {
            throw new AdminRefusal(409, "userId", "user " + c.userId() + " of location " + c.locationId()
                    + " is connected already, by '" + other.get().name() + "'");
        }
    }

    private static String zone(String id) throws AdminRefusal {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id.trim()).getId();
        } catch (DateTimeException e) {
            throw AdminRefusal.badField("timeZone", "'" + id + "' is not a time zone (like Europe/Berlin)");
        }
    }

    private static String required(String value, String field) throws AdminRefusal {
        if (value == null || value.isBlank()) {
            throw AdminRefusal.badField(field, "is required");
        }
        return value.trim();
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value.trim();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
