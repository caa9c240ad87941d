package io.hlbridge.store;

/**
 * Where the iCloud copy of a HighLevel item lives for one connection, and what we last wrote there.
 *
 * @param origin        {@code HIGHLEVEL} for appointments we push, {@code ICLOUD} for events we import
 * @param hlDateUpdated HighLevel's {@code dateUpdated} of the version last applied, epoch millis
 */
public record EventLink(String hlId, String connectionName, String calendarUrl, String href, String uid, String etag,
        String contentHash, String origin, Long hlDateUpdated, int sequence) {

    /** An appointment the bridge writes to iCloud. */
    public static final String ORIGIN_HIGHLEVEL = "HIGHLEVEL";
    /** An iCloud event the bridge created in HighLevel. */
    public static final String ORIGIN_ICLOUD = "ICLOUD";

    public EventLink withWrite(String newEtag, String newHash, Long dateUpdated, int newSequence) {
        return new EventLink(hlId, connectionName, calendarUrl, href, uid, newEtag, newHash, origin, dateUpdated,
                newSequence);
    }
}
