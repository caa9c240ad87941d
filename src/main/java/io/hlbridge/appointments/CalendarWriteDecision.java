package io.hlbridge.appointments;

import io.hlbridge.store.EventLink;

/**
 * What one connection's linked calendar gets for an appointment: the decision only, from what is known of both sides.
 *
 * <pre>
 * wanted | link | HighLevel older than link | link's calendar | same content | action
 * -------+------+---------------------------+-----------------+--------------+-------
 * no     | no   |                           |                 |              | NONE
 * no     | yes  |                           |                 |              | DELETE
 * yes    | no   |                           |                 |              | CREATE
 * yes    | yes  | yes                       |                 |              | STALE  (an older dateUpdated never overwrites)
 * yes    | yes  | no                        | another         |              | MOVE   (the linked calendar was changed)
 * yes    | yes  | no                        | the linked one  | yes          | KEEP   (nothing the user would see changed)
 * yes    | yes  | no                        | the linked one  | no           | UPDATE
 * </pre>
 * "Wanted" means the connection's user owns the appointment and it is neither cancelled nor deleted. The link's calendar
 * is compared by its path on the server: one calendar reached under another address is the same calendar.
 */
public final class CalendarWriteDecision {
    private CalendarWriteDecision() {
    }

    public enum Action { NONE, DELETE, CREATE, STALE, MOVE, KEEP, UPDATE }

    /**
     * @param dateUpdated  HighLevel's {@code dateUpdated} of the appointment read, epoch millis, or null
     * @param calendarUrl  the connection's linked calendar now (when wanted)
     * @param contentHash  the hash of the event as it would be written now (when wanted)
     */
    public static Action decide(boolean wanted, EventLink link, Long dateUpdated, String calendarUrl,
            String contentHash) {
        if (!wanted) {
            return link == null ? Action.NONE : Action.DELETE;
        }
        if (link == null) {
            return Action.CREATE;
        }
        if (dateUpdated != null && link.hlDateUpdated() != null && dateUpdated < link.hlDateUpdated()) {
            return Action.STALE;
        }
        if (!link.inCalendar(calendarUrl)) {
            return Action.MOVE;
        }
        return contentHash.equals(link.contentHash()) ? Action.KEEP : Action.UPDATE;
    }
}
