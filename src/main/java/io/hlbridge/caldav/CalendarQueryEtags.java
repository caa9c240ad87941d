package io.hlbridge.caldav;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;


/**
 * RFC 4791 {@code REPORT calendar-query} for VEVENTs overlapping a time range, etags only: the listing behind a
 * full resync (invalid sync token) and behind every poll of a server without sync-collection.
 */
public class CalendarQueryEtags {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CalDavClient client;

    public CalendarQueryEtags(CalDavClient client) {
        this.client = client;
    }

    /** href → ETag of every event overlapping [start, end); a null end means "from start on". */
    public Map<String, String> list(CalDavAccount c, URI calendar, Instant start, Instant end) throws CalDavException {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><c:calendar-query xmlns:d=\"DAV:\""
                + " xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop><d:getetag/></d:prop><c:filter>"
                + "<c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VEVENT\"><c:time-range start=\""
                + UTC.format(start) + (end == null ? "" : "\" end=\"" + UTC.format(end)) + "\"/></c:comp-filter></c:comp-filter></c:filter>"
                + "</c:calendar-query>";
        DavAnswer a = client.report(c, calendar, 1, xml);
        CalDavClient.expect(c, a, "REPORT calendar-query", 207);
        Map<String, String> etags = new LinkedHashMap<>();
        Set<URI> outside = new LinkedHashSet<>();
        for (Multistatus.Response r : Multistatus.parse(a.body(), a.url()).responses()) {
            if (SyncCollectionReport.isCollection(r.href(), calendar) || r.status() / 100 != 2) {
                continue;
            }
            if (Multistatus.isMember(r.href(), calendar)) {
                etags.put(r.href().toString(), r.text(Multistatus.DAV, "getetag"));
            } else {
                outside.add(r.href());
            }
        }
        Outsiders.log(calendar, outside);
        return etags;
    }
}
