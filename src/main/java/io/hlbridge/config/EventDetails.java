package io.hlbridge.config;

/** {@code sync.event-details}: what of an appointment goes into the iCloud event (R10). */
public enum EventDetails {
    /** Title, time, address and notes. */
    FULL,
    /** Time only, titled "Busy". */
    BUSY
}
