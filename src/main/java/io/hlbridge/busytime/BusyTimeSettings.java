package io.hlbridge.busytime;

import io.hlbridge.config.AllDayPolicy;
import io.hlbridge.config.BlockedSlotScope;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.DeletionPolicy;
import io.hlbridge.config.Settings;
import io.hlbridge.config.SyncWindow;

/** The iCloud → HighLevel options: the window, the busy rules, and how blocked slots are made. */
public record BusyTimeSettings(SyncWindow window, AllDayPolicy allDay, String titleTemplate, DeletionPolicy deletions,
        int maxDeletionsPerPoll, BlockedSlotScope scope, int maxOccurrencesPerEvent, int maxOccurrencesPerPoll) {

    public static BusyTimeSettings from(Settings s) {
        return new BusyTimeSettings(SyncWindow.from(s), s.get(BridgeOptions.ALL_DAY),
                s.get(BridgeOptions.BLOCKED_SLOT_TITLE), s.get(BridgeOptions.ICLOUD_DELETIONS),
                s.get(BridgeOptions.MAX_DELETIONS), s.get(BridgeOptions.BLOCKED_SLOT_SCOPE),
                s.get(BridgeOptions.MAX_OCCURRENCES_PER_EVENT), s.get(BridgeOptions.MAX_OCCURRENCES_PER_POLL));
    }
}
