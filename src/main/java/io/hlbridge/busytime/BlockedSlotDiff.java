package io.hlbridge.busytime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hlbridge.config.DeletionPolicy;
import io.hlbridge.ical.BusyInstance;
import io.hlbridge.store.BlockedSlotStore.Slot;

/**
 * The blocked-slot writes that make HighLevel hold one resource's busy occurrences, from what was made for it before.
 * Decides only; {@link PlanBlockedSlots} gathers the occurrences and {@link WriteBlockedSlots} writes.
 *
 * <pre>
 * occurrence (by key)  | what we recorded          | write
 * ---------------------+---------------------------+-----------------------------------------------------------
 * busy                 | nothing                   | CREATE, or RECOVER on a store new to this calendar (adopt
 *                      |                           | the slot HighLevel already holds instead of duplicating it)
 * busy                 | a row without a slot id   | RECOVER (a crash came between the POST and its record)
 * busy, other time or  | a slot                    | UPDATE (the same slot moves)
 *   title              |                           |
 * busy, unchanged      | a slot                    | (nothing)
 * gone                 | a slot ending after the   | DELETE
 *                      |   window start            |
 * gone                 | a slot in the past, or a  | FORGET (our record only; HighLevel keeps what is past)
 *                      |   row without a slot id   |
 * resource deleted     | a slot ending after the   | DELETE with sync.icloud-deletions=propagate, else FORGET (R7)
 *   in iCloud          |   window start            |
 * resource deleted     | anything else             | FORGET
 * </pre>
 */
public final class BlockedSlotDiff {
    private BlockedSlotDiff() {
    }

    /** What HighLevel and the store take of a title; a longer one is cut (the event's SUMMARY may be any length). */
    static final int LONGEST_TITLE = 200;

    /** The slot title: {@code sync.blocked-slot-title} with {@code {summary}} replaced by the event's (or Busy). */
    public static String title(String template, String summary) {
        String t = template.replace("{summary}", summary == null || summary.isBlank() ? "Busy" : summary.strip());
        return t.length() > LONGEST_TITLE ? t.substring(0, LONGEST_TITLE - 3) + "..." : t;
    }

    /**
     * @param adopt whether a new occurrence should first look for a slot HighLevel already holds (this store has
     *              never polled the calendar: a new store, or a copy of the bridge started elsewhere)
     */
    public static List<SlotWrite> forResource(String connection, String href, List<BusyInstance> busy,
            List<Slot> recorded, String titleTemplate, long windowStart, boolean adopt) {
        Map<String, Slot> existing = new HashMap<>();
        for (Slot s : recorded) {
            existing.put(s.instanceKey(), s);
        }
        List<SlotWrite> writes = new ArrayList<>();
        for (BusyInstance i : busy) {
            Slot before = existing.remove(i.key());
            Slot wanted = new Slot(connection, href, i.key(), before == null ? null : before.slotId(),
                    i.start().toEpochMilli(), i.end().toEpochMilli(), title(titleTemplate, i.summary()));
            if (before == null) {
                writes.add(new SlotWrite(adopt ? SlotWrite.Action.RECOVER : SlotWrite.Action.CREATE, wanted));
            } else if (before.slotId() == null) {
                writes.add(new SlotWrite(SlotWrite.Action.RECOVER, wanted));
            } else if (before.start() != wanted.start() || before.end() != wanted.end()
                    || !before.title().equals(wanted.title())) {
                writes.add(new SlotWrite(SlotWrite.Action.UPDATE, wanted));
            }
        }
        for (Slot gone : existing.values()) {
            boolean keep = gone.slotId() != null && gone.end() > windowStart;
            writes.add(new SlotWrite(keep ? SlotWrite.Action.DELETE : SlotWrite.Action.FORGET, gone));
        }
        return writes;
    }

    /** R7: a resource deleted in iCloud. */
    public static List<SlotWrite> forDeletedResource(List<Slot> recorded, DeletionPolicy policy, long windowStart) {
        List<SlotWrite> writes = new ArrayList<>();
        for (Slot s : recorded) {
            boolean delete = policy == DeletionPolicy.PROPAGATE && s.slotId() != null && s.end() > windowStart;
            writes.add(new SlotWrite(delete ? SlotWrite.Action.DELETE : SlotWrite.Action.FORGET, s));
        }
        return writes;
    }
}
