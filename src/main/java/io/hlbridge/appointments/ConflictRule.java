package io.hlbridge.appointments;

import java.time.Instant;

/**
 * docs/design.md §1: when both sides changed the same event since the last sync, the newer change wins by each
 * side's own clock (HighLevel {@code dateUpdated}, iCloud {@code LAST-MODIFIED}); ties, and an unknown time on
 * either side, go to HighLevel.
 */
public final class ConflictRule {
    public enum Winner { HIGHLEVEL, ICLOUD }

    private ConflictRule() {
    }

    public static Winner decide(Instant highLevelUpdated, Instant iCloudLastModified) {
        if (iCloudLastModified == null || highLevelUpdated == null) {
            return Winner.HIGHLEVEL;
        }
        return iCloudLastModified.isAfter(highLevelUpdated) ? Winner.ICLOUD : Winner.HIGHLEVEL;
    }
}
