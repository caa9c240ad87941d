package io.hlbridge.busytime;

import java.time.Instant;

import io.hlbridge.appointments.ConflictRule;

/**
 * What a change in iCloud to an event the bridge wrote for an appointment does (R6). Decides only;
 * {@link MoveEditedAppointments} reads both sides and carries it out.
 *
 * <pre>
 * same text as ours | readable | appointment in HighLevel | times as HighLevel's | HighLevel changed since | action
 * ------------------+----------+--------------------------+----------------------+-------------------------+------------
 * yes               |          |                          |                      |                         | RECORD (rewritten by the server, not edited)
 * no                | no       |                          |                      |                         | UNREADABLE (HighLevel left as is)
 * no                | yes      | gone                     |                      |                         | NONE
 * no                | yes      | yes                      | yes                  |                         | RECORD (edited, not moved: only times travel)
 * no                | yes      | yes                      | no                   | yes, and it is newer    | KEEP_HIGHLEVEL (conflict)
 * no                | yes      | yes                      | no                   | otherwise               | MOVE
 * </pre>
 * RECORD and UNREADABLE store the event's new ETag so it is not fetched again.
 */
public final class OwnEventEditDecision {
    private OwnEventEditDecision() {
    }

    public enum Action { RECORD, UNREADABLE, NONE, KEEP_HIGHLEVEL, MOVE }

    public static Action decide(boolean sameTextAsOurs, boolean readable, boolean appointmentExists,
            boolean sameTimes, boolean changedInHighLevel, Instant highLevelUpdated, Instant iCloudLastModified) {
        if (sameTextAsOurs) {
            return Action.RECORD;
        }
        if (!readable) {
            return Action.UNREADABLE;
        }
        if (!appointmentExists) {
            return Action.NONE;
        }
        if (sameTimes) {
            return Action.RECORD;
        }
        if (changedInHighLevel && ConflictRule.decide(highLevelUpdated, iCloudLastModified)
                == ConflictRule.Winner.HIGHLEVEL) {
            return Action.KEEP_HIGHLEVEL;
        }
        return Action.MOVE;
    }
}
