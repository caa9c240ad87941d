package io.hlbridge.store;

import java.net.URI;

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

    /** Whether the event is in the calendar at {@code url}, whatever address either was reached under. */
    public boolean inCalendar(String url) {
        return ServerPath.same(calendarUrl, url);
    }

    /** The link with its calendar and event under {@code calendar}'s address, where they are reached now. */
    public EventLink under(URI calendar) {
        return new EventLink(hlId, connectionName, ServerPath.under(calendarUrl, calendar).toString(),
                ServerPath.under(href, calendar).toString(), uid, etag, contentHash, origin, hlDateUpdated, sequence);
    }

    public EventLink withWrite(String newEtag, String newHash, Long dateUpdated, int newSequence) {
        return new EventLink(hlId, connectionName, calendarUrl, href, uid, newEtag, newHash, origin, dateUpdated,
                newSequence);
    }
}
