package io.hlbridge.slotcopies;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.hlbridge.highlevel.HighLevelSlot;
import io.hlbridge.highlevel.LocationTimeZones;
import io.hlbridge.ical.CalendarDocument;
import io.hlbridge.ical.HighLevelSlotToVEvent;
import io.hlbridge.store.ServerPath;
import io.hlbridge.store.SlotCopyStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Plans each slot's and each kept copy's write as {@link SlotCopyDecision} decides it. The event is titled by
 * {@code sync.highlevel-slot-title}: Busy, or the slot's own title where it says {@code {title}}; all-day slots are
 * placed in the user's zone.
 */
public class PlanSlotCopies implements Processor {
    static final String TITLE = "{title}";

    private final HighLevelSlotToVEvent toVEvent;
    private final LocationTimeZones zones;
    private final String titleTemplate;

    public PlanSlotCopies(HighLevelSlotToVEvent toVEvent, LocationTimeZones zones, String titleTemplate) {
        this.toVEvent = toVEvent;
        this.zones = zones;
        this.titleTemplate = titleTemplate;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SlotCopyPoll poll = SlotCopyPoll.of(exchange);
        ZoneId zone = zones.zoneOf(poll.connection());
        Instant now = Instant.now();
        Set<String> ids = new LinkedHashSet<>(poll.slots.keySet());
        ids.addAll(poll.copies.keySet());
        for (String id : ids) {
            HighLevelSlot slot = poll.slots.get(id);
            SlotCopyStore.Copy copy = poll.copies.get(id);
            CalendarDocument event = slot == null ? null : toVEvent.toCalendar(slot, zone, title(slot), now);
            boolean inLinked = copy != null && ServerPath.same(copy.calendarUrl(), poll.linkedCalendar.toString());
            SlotCopyDecision.Action action = SlotCopyDecision.decide(slot != null, copy != null,
                    copy != null && copy.endAt() <= poll.windowStart().toEpochMilli(), inLinked,
                    copy != null && event != null && event.contentHash().equals(copy.contentHash()),
                    copy != null && copy.etag() != null
                            && Objects.equals(poll.etags.get(ServerPath.of(copy.href())), copy.etag()));
            if (action != SlotCopyDecision.Action.NONE && action != SlotCopyDecision.Action.KEEP) {
                poll.writes.add(new SlotCopyPoll.Write(action, slot, copy, event));
            }
        }
    }

    private String title(HighLevelSlot slot) {
        String own = slot.title() == null || slot.title().isBlank() ? "Busy" : slot.title().strip();
        return titleTemplate.replace(TITLE, own);
    }
}
