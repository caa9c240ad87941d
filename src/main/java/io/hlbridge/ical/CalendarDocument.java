package io.hlbridge.ical;

/**
 * An iCalendar object ready to PUT. {@code contentHash} covers everything but DTSTAMP and SEQUENCE, so an update
 * that changes nothing the user can see has the same hash and is not written.
 */
public record CalendarDocument(String uid, String ics, String contentHash) {
}
