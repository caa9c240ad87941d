package io.hlbridge.appointments;

import java.time.Instant;

/**
 * A conditional PUT answered 412: the resource was not as the write assumed. What the server holds now decides.
 *
 * <pre>
 * exists | holds what we mean to write | we have a link | conflict rule | action
 * -------+-----------------------------+----------------+---------------+-------------
 * no     |                             |                |               | CREATE       (deleted meanwhile: write it anew)
 * yes    | yes                         |                |               | ADOPT        (an earlier attempt wrote it, then stopped)
 * yes    | no                          | no             |               | OVERWRITE    (our resource name, no record of it)
 * yes    | no                          | yes            | HighLevel     | OVERWRITE    (conflict: HighLevel's change is not older)
 * yes    | no                          | yes            | iCloud        | KEEP_ICLOUD  (conflict: the iCloud edit is newer)
 * </pre>
 * A DELETE answered 412 deletes anyway: the appointment is gone in HighLevel (R2).
 */
public final class PreconditionFailedDecision {
    private PreconditionFailedDecision() {
    }

    public enum Action { CREATE, ADOPT, OVERWRITE, KEEP_ICLOUD }

    public static Action decide(boolean exists, boolean holdsOurContent, boolean linked, Instant highLevelUpdated,
            Instant iCloudLastModified) {
        if (!exists) {
            return Action.CREATE;
        }
        if (holdsOurContent) {
            return Action.ADOPT;
        }
        if (!linked) {
            return Action.OVERWRITE;
        }
        return ConflictRule.decide(highLevelUpdated, iCloudLastModified) == ConflictRule.Winner.ICLOUD
                ? Action.KEEP_ICLOUD : Action.OVERWRITE;
    }

    /** Whether the rule had to weigh two edits (counted and logged as a conflict). */
    public static boolean isConflict(boolean exists, boolean holdsOurContent, boolean linked) {
        return exists && !holdsOurContent && linked;
    }
}
