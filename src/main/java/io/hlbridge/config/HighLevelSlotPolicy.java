package io.hlbridge.config;

/** {@code sync.highlevel-blocked-slots}: whether blocked slots made in HighLevel reach iCloud (R4). */
public enum HighLevelSlotPolicy {
    /** They stay in HighLevel: HighLevel's own iCloud integration copies none. */
    IGNORE,
    /** Each becomes a busy event in the user's linked calendar, kept as the slot is. */
    BUSY
}
