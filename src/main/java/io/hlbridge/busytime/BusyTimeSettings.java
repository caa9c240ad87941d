package io.hlbridge.busytime;

import io.hlbridge.config.BlockedSlotScope;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.config.SyncWindow;
import io.hlbridge.connections.Connection;
import io.hlbridge.ical.ContentHash;

/**
 * The iCloud → HighLevel options: the window, the busy rules, and how blocked slots are made.
 *
 * @param global the global sync.* choices (all-day, slot title, deletions...): a connection's own come first
 */
public record BusyTimeSettings(SyncWindow window, SyncChoices global, int maxDeletionsPerPoll, BlockedSlotScope scope,
        int maxOccurrencesPerEvent, int maxOccurrencesPerPoll) {

    /** The connection's choices, the global keys' where it made none. */
    public SyncChoices of(Connection c) {
        return c.choices().over(global);
    }

    /**
     * A fingerprint of what decides a connection's busy time and how its slots are titled (its all-day and title
     * choices, else the global keys'): when it changes, every event is planned again.
     */
    public String rulesOf(Connection c) {
        SyncChoices chosen = of(c);
        return ContentHash.sha256("all-day=" + chosen.allDay() + "\ntitle=" + chosen.blockedSlotTitle());
    }

    public static BusyTimeSettings from(Settings s) {
        return new BusyTimeSettings(SyncWindow.from(s), SyncChoices.global(s), s.get(BridgeOptions.MAX_DELETIONS),
                s.get(BridgeOptions.BLOCKED_SLOT_SCOPE), s.get(BridgeOptions.MAX_OCCURRENCES_PER_EVENT),
                s.get(BridgeOptions.MAX_OCCURRENCES_PER_POLL));
    }
}
