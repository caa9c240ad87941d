package io.hlbridge.ical;

import java.time.Instant;

/**
 * One busy occurrence of an iCloud event inside the sync window.
 *
 * @param key     which occurrence: {@code 0} for a single event, else its original start (RECURRENCE-ID) in epoch
 *                millis, so an occurrence moved in iCloud keeps its key and its blocked slot
 * @param summary the event's SUMMARY, for {@code sync.blocked-slot-title=\{summary\}}
 */
public record BusyInstance(String key, Instant start, Instant end, String summary) {
}
