package io.hlbridge.slotcopies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarCollection;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.config.BlockedSlotScope;
import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.HighLevelSlot;
import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.SlotCopyStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /calendars/blocked-slots} for the connection's user over the sync window (one request), then for each
 * calendar of the location whose team ({@code teamMembers[].userId} of {@code GET /calendars/}, read once per location
 * and interval) has the user: a slot that blocks a whole calendar blocks each of its members, as HighLevel applies it,
 * so each member who opted in gets it. Then the copies the store keeps. Left out: the slots the bridge made from iCloud events (R11: they never come back as events) and
 * anything with a contact (an appointment is never copied as a slot). The linked calendar is found first: one that
 * refuses writes fails the round, which the connection's state then shows. A failed read fails the round before any
 * write: nothing is deleted on a 429 or a 5xx.
 */
public class ReadHighLevelSlots implements Processor {
    private final HighLevelClient highLevel;
    private final CalendarDiscovery discovery;
    private final BlockedSlotStore ours;
    private final SlotCopyStore copies;
    /** location → its calendars' ids by member user id. */
    private final Cache<String, Map<String, List<String>>> teams;

    /** @param interval sync.blocked-slots-interval: how long a location's calendar teams are kept */
    public ReadHighLevelSlots(HighLevelClient highLevel, CalendarDiscovery discovery, BlockedSlotStore ours,
            SlotCopyStore copies, Duration interval) {
        this.highLevel = highLevel;
        this.discovery = discovery;
        this.ours = ours;
        this.copies = copies;
        this.teams = Caffeine.newBuilder().expireAfterWrite(interval).maximumSize(10_000).build();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SlotCopyPoll poll = SlotCopyPoll.of(exchange);
        CalendarCollection linked = discovery.find(poll.connection(), poll.connection().linkedCalendar());
        String refused = linked.refusalForWriting().orElse(null);
        if (refused != null) {
            throw new CalDavException.CalendarRefused("calendar " + linked.label() + " takes no busy events for"
                    + " HighLevel's blocked slots: " + refused);
        }
        poll.linkedCalendar = linked.url();
        Connection c = poll.connection();
        read(poll, BlockedSlotScope.USER, c.userId());
        for (String calendarId : teamsOf(c).getOrDefault(c.userId(), List.of())) {
            read(poll, BlockedSlotScope.CALENDAR, calendarId);
        }
        poll.copies.putAll(copies.ofConnection(c.name()));
    }

    private void read(SlotCopyPoll poll, BlockedSlotScope scope, String owner) throws Exception {
        for (JsonNode e : highLevel.listBlockedSlots(poll.connection(), scope, owner, poll.windowStart(),
                poll.windowEnd())) {
            HighLevelSlot slot = HighLevelSlot.from(e).orElse(null);
            if (slot != null && !ours.isOurs(slot.id())) {
                poll.slots.put(slot.id(), slot);
            }
        }
    }

    /** The location's calendar ids by member user id. */
    private Map<String, List<String>> teamsOf(Connection c) throws Exception {
        Map<String, List<String>> known = teams.getIfPresent(c.locationId());
        if (known != null) {
            return known;
        }
        Map<String, List<String>> byUser = new HashMap<>();
        for (JsonNode calendar : highLevel.listCalendars(c)) {
            String id = calendar.path("id").asText("");
            for (JsonNode member : calendar.path("teamMembers")) {
                String user = member.path("userId").asText("");
                if (!id.isEmpty() && !user.isEmpty()) {
                    byUser.computeIfAbsent(user, k -> new ArrayList<>()).add(id);
                }
            }
        }
        teams.put(c.locationId(), byUser);
        return byUser;
    }
}
