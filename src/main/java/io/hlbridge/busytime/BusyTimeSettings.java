package io.hlbridge.busytime;

import io.hlbridge.config.AllDayPolicy;
import io.hlbridge.config.BlockedSlotScope;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.DeletionPolicy;
import io.hlbridge.config.Settings;
import io.hlbridge.config.SyncWindow;
import io.hlbridge.connections.Connection;
import io.hlbridge.ical.ContentHash;

/** The iCloud → HighLevel options: the window, the busy rules, and how blocked slots are made. */
public record BusyTimeSettings(SyncWindow window, AllDayPolicy allDay, String titleTemplate, DeletionPolicy deletions,
        int maxDeletionsPerPoll, BlockedSlotScope scope, int maxOccurrencesPerEvent, int maxOccurrencesPerPoll) {

    /**
     * A fingerprint of what decides a connection's busy time and how its slots are titled (its all-day and title
     * choices, else the global keys'): when it changes, every event is planned again.
     */
    public String rulesOf(Connection c) {
        AllDayPolicy own = c.choices().allDay();
        String title = c.choices().blockedSlotTitle();
        return ContentHash.sha256("all-day=" + (own != null ? own : allDay) + "\ntitle="
                + (title != null ? title : titleTemplate));
    }

    public static BusyTimeSettings from(Settings s) {
        return new BusyTimeSettings(SyncWindow.from(s), s.get(BridgeOptions.ALL_DAY),
                s.get(BridgeOptions.BLOCKED_SLOT_TITLE), s.get(BridgeOptions.ICLOUD_DELETIONS),
                s.get(BridgeOptions.MAX_DELETIONS), s.get(BridgeOptions.BLOCKED_SLOT_SCOPE),
                s.get(BridgeOptions.MAX_OCCURRENCES_PER_EVENT), s.get(BridgeOptions.MAX_OCCURRENCES_PER_POLL));
    }
}
