package io.hlbridge.busytime;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.hlbridge.caldav.CalendarMultiget;
import io.hlbridge.connections.Connection;
import io.hlbridge.store.CalendarStateStore.CalendarState;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.ResourceStore;
import net.fortuna.ical4j.model.Calendar;
import org.apache.camel.Exchange;

/**
 * The unit the icloud-to-highlevel route works on: one poll of one calendar of one connection, filled in step by
 * step (changes → fetched resources → planned HighLevel writes) and committed only when every step succeeded,
 * so a failed poll keeps the old sync token and changes nothing it has not recorded.
 */
public final class CalendarPoll {
    /** A resource we wrote for a HighLevel appointment, changed in iCloud (R6). */
    public record OwnEdit(EventLink link, CalendarMultiget.Fetched fetched) {
    }

    /** A resource parsed and ready to expand. */
    public record Parsed(String href, String etag, String data, Calendar calendar) {
    }

    private final Connection connection;
    private final URI calendar;
    private final Instant windowStart;
    private final Instant windowEnd;
    private CalendarState state = CalendarState.NEW;
    private String newToken;
    private boolean syncSupported = true;
    private boolean reexpand;
    private boolean holdToken;
    private String busyRules;
    private boolean refetchAll;
    private final Map<String, String> changed = new LinkedHashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();
    private final List<Parsed> parsed = new ArrayList<>();
    private final List<OwnEdit> ownEdits = new ArrayList<>();
    private final Map<String, ResourceStore.Resource> resourceUpdates = new LinkedHashMap<>();
    private final Set<String> forgottenResources = new LinkedHashSet<>();
    private final List<SlotWrite> writes = new ArrayList<>();

    public CalendarPoll(Connection connection, URI calendar, Instant windowStart, Instant windowEnd) {
        this.connection = connection;
        this.calendar = calendar;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    /** The poll an exchange carries; fails naming the step that makes it when the route lacks it. */
    static CalendarPoll of(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof CalendarPoll p) {
            return p;
        }
        throw new IllegalStateException("route poll-calendar must receive the polls of step '"
                + ICloudToHighLevelSteps.POLLABLE_CALENDARS + "',"
                + " got " + (body == null ? "nothing" : body.getClass().getSimpleName()));
    }

    public Connection connection() {
        return connection;
    }

    public URI calendar() {
        return calendar;
    }

    public Instant windowStart() {
        return windowStart;
    }

    public Instant windowEnd() {
        return windowEnd;
    }

    public CalendarState state() {
        return state;
    }

    public void setState(CalendarState state) {
        this.state = state;
    }

    public String newToken() {
        return newToken;
    }

    public void setNewToken(String newToken) {
        this.newToken = newToken;
    }

    public boolean syncSupported() {
        return syncSupported;
    }

    public void setSyncSupported(boolean syncSupported) {
        this.syncSupported = syncSupported;
    }

    /** The window moved on since recurring events were last expanded: stored series are expanded again. */
    public boolean reexpand() {
        return reexpand;
    }

    public void setReexpand(boolean reexpand) {
        this.reexpand = reexpand;
    }

    /** Set when planned writes were held back (deletion guard): the token stays, so they are planned again. */
    /** The fingerprint of the busy rules this poll plans by ({@link BusyTimeSettings#rulesOf}). */
    public String busyRules() {
        return busyRules;
    }

    public void setBusyRules(String busyRules) {
        this.busyRules = busyRules;
    }

    /** Every listed event is fetched and planned again, known ETag or not: the busy rules changed. */
    public boolean refetchAll() {
        return refetchAll;
    }

    public void setRefetchAll(boolean refetchAll) {
        this.refetchAll = refetchAll;
    }

    public boolean holdToken() {
        return holdToken;
    }

    public void setHoldToken(boolean holdToken) {
        this.holdToken = holdToken;
    }

    /** Changed members: href → ETag (null when only a fetch can tell whether it still exists). */
    public Map<String, String> changed() {
        return changed;
    }

    public Set<String> deleted() {
        return deleted;
    }

    public List<Parsed> parsed() {
        return parsed;
    }

    public List<OwnEdit> ownEdits() {
        return ownEdits;
    }

    /** Resource rows to store when the poll commits, by href. */
    public Map<String, ResourceStore.Resource> resourceUpdates() {
        return resourceUpdates;
    }

    /** Resources to drop from the store when the poll commits: deleted in iCloud, or wholly in the past. */
    public Set<String> forgottenResources() {
        return forgottenResources;
    }

    public List<SlotWrite> writes() {
        return writes;
    }

    public boolean nothingChanged() {
        return changed.isEmpty() && deleted.isEmpty() && !reexpand;
    }

    @Override
    public String toString() {
        return "poll of " + calendar.getPath() + " for '" + connection.name() + "'";
    }
}
