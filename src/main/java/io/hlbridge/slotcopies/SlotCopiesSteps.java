package io.hlbridge.slotcopies;

import java.util.List;

import io.hlbridge.runtime.RouteContract;

/**
 * The step names of HighLevel's blocked slots → iCloud (routes/copy-highlevel-slots.camel.yaml, and the step of
 * poll-apple-id.camel.yaml that feeds it), each declared once: the wiring binds under them, the route contract
 * requires them.
 */
public final class SlotCopiesSteps {
    public static final String DUE = "dueSlotCopies";
    public static final String READ = "readHighLevelSlots";
    public static final String LIST = "listSlotCopies";
    public static final String PLAN = "planSlotCopies";
    public static final String GUARD_DELETIONS = "guardSlotCopyDeletions";
    public static final String WRITE = "writeSlotCopies";
    public static final String COMMIT = "commitSlotCopies";
    public static final String RECORD_FAILURE = "recordFailedSlotCopies";

    public static final RouteContract CONTRACT = new RouteContract("copy-highlevel-slots", List.of(READ, PLAN,
            GUARD_DELETIONS, WRITE, COMMIT), List.of(RECORD_FAILURE), "the slots are read before anything is planned,"
                    + " deletions are guarded, and the round is committed only after its writes");

    private SlotCopiesSteps() {
    }
}
