package io.hlbridge.slotcopies;

import static io.hlbridge.slotcopies.SlotCopiesSteps.COMMIT;
import static io.hlbridge.slotcopies.SlotCopiesSteps.DUE;
import static io.hlbridge.slotcopies.SlotCopiesSteps.GUARD_DELETIONS;
import static io.hlbridge.slotcopies.SlotCopiesSteps.LIST;
import static io.hlbridge.slotcopies.SlotCopiesSteps.PLAN;
import static io.hlbridge.slotcopies.SlotCopiesSteps.READ;
import static io.hlbridge.slotcopies.SlotCopiesSteps.RECORD_FAILURE;
import static io.hlbridge.slotcopies.SlotCopiesSteps.WRITE;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.connections.Connections;
import io.hlbridge.ical.HighLevelSlotToVEvent;
import io.hlbridge.store.SlotCopyStore;
import org.apache.camel.spi.Registry;

/** The beans of HighLevel's blocked slots → iCloud (routes/copy-highlevel-slots.camel.yaml), under the routes' names. */
public final class SlotCopiesWiring {
    private SlotCopiesWiring() {
    }

    public static void bind(Registry r, Adapters a, Connections connections) {
        Settings s = a.settings();
        SlotCopyStore copies = a.stores().slotCopies();
        r.bind(DUE, new DueSlotCopies(copies, connections.credentials(), SyncChoices.global(s),
                s.get(BridgeOptions.BLOCKED_SLOTS_INTERVAL)));
        r.bind(READ, new ReadHighLevelSlots(a.highLevel().client(), a.calDav().discovery(), a.stores().slots(), copies,
                s.get(BridgeOptions.BLOCKED_SLOTS_INTERVAL)));
        r.bind(LIST, new ListSlotCopies(a.calDav().queryEtags()));
        r.bind(PLAN, new PlanSlotCopies(new HighLevelSlotToVEvent(), a.highLevel().zones(),
                s.get(BridgeOptions.HIGHLEVEL_SLOT_TITLE)));
        r.bind(GUARD_DELETIONS, new GuardSlotCopyDeletions(s.get(BridgeOptions.MAX_DELETIONS), a.metrics()));
        r.bind(WRITE, new WriteSlotCopies(a.calDav().client(), copies, a.metrics()));
        r.bind(COMMIT, new CommitSlotCopies(copies, connections.status()));
        r.bind(RECORD_FAILURE, new RecordFailedSlotCopies(connections, a.metrics()));
    }
}
