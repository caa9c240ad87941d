package io.hlbridge.config;

/** {@code sync.blocked-slot-scope}: whose availability a blocked slot takes (R5). */
public enum BlockedSlotScope {
    /** The slot carries {@code assignedUserId}: the user's own availability. */
    USER,
    /** The slot carries {@code calendarId}: one HighLevel calendar's availability. */
    CALENDAR
}
