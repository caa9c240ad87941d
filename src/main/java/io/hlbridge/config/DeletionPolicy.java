package io.hlbridge.config;

/** {@code sync.icloud-deletions}: what an event deleted in iCloud does to its blocked slots (R7). */
public enum DeletionPolicy {
    /** The blocked slots stay: HighLevel's own integration ignores iCloud deletions. */
    IGNORE,
    /** The blocked slots of occurrences not yet over are deleted. */
    PROPAGATE
}
