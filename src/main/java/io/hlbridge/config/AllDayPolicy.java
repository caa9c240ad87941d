package io.hlbridge.config;

/** {@code sync.all-day}: whether all-day iCloud events block HighLevel time (R9). */
public enum AllDayPolicy {
    /** Busy only with {@code TRANSP:OPAQUE}; Apple writes all-day events without TRANSP, and means free. */
    RESPECT_TRANSP,
    /** Busy unless {@code TRANSP:TRANSPARENT}. */
    BUSY,
    /** Never busy. */
    FREE
}
