package io.hlbridge.slotcopies;

/**
 * What one HighLevel blocked slot's busy event in the user's linked calendar needs (R4 with
 * {@code highlevel-blocked-slots=busy}): the decision only, from what is known of both sides.
 *
 * <pre>
 * slot listed | copy kept | copy ended before the window | copy in the linked calendar | same content | iCloud has it as written | action
 * ------------+-----------+------------------------------+-----------------------------+--------------+--------------------------+--------
 * no          | no        |                              |                             |              |                          | NONE
 * no          | yes       | yes                          |                             |              |                          | FORGET  (past: left as it is)
 * no          | yes       | no                           |                             |              |                          | DELETE  (the slot went)
 * yes         | no        |                              |                             |              |                          | CREATE
 * yes         | yes       |                              | no                          |              |                          | MOVE    (another linked calendar)
 * yes         | yes       |                              | yes                         | no           |                          | UPDATE  (moved or retitled in HighLevel)
 * yes         | yes       |                              | yes                         | yes          | no                       | RESTORE (edited or deleted in iCloud: HighLevel owns it)
 * yes         | yes       |                              | yes                         | yes          | yes                      | KEEP
 * </pre>
 */
public final class SlotCopyDecision {
    private SlotCopyDecision() {
    }

    public enum Action { NONE, FORGET, DELETE, CREATE, MOVE, UPDATE, RESTORE, KEEP }

    /**
     * @param listed         HighLevel lists the slot in the window (and it is not one the bridge made)
     * @param kept           the store holds a copy of it
     * @param copyPast       the kept copy's slot ended before the window's start
     * @param inLinked       the kept copy is in the connection's linked calendar now
     * @param sameContent    the event as it would be written now hashes as the kept copy's
     * @param asWritten      the linked calendar lists the copy's href with the ETag the bridge wrote
     */
    public static Action decide(boolean listed, boolean kept, boolean copyPast, boolean inLinked, boolean sameContent,
            boolean asWritten) {
        if (!listed) {
            return !kept ? Action.NONE : copyPast ? Action.FORGET : Action.DELETE;
        }
        if (!kept) {
            return Action.CREATE;
        }
        if (!inLinked) {
            return Action.MOVE;
        }
        if (!sameContent) {
            return Action.UPDATE;
        }
        return asWritten ? Action.KEEP : Action.RESTORE;
    }
}
