package io.hlbridge.caldav;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * RFC 4791 {@code REPORT calendar-multiget}: the data and ETags of named resources, in batches. A member answered
 * 404 inside a batch (deleted between listing and fetching) is reported as missing and does not fail the batch.
 */
public class CalendarMultiget {
    private final CalDavClient client;
    private final int batchSize;

    public CalendarMultiget(CalDavClient client, int batchSize) {
        this.client = client;
        this.batchSize = batchSize;
    }

    /** One fetched resource. */
    public record Fetched(String href, String etag, String data) {
    }

    /** What came back: resources by href, and the hrefs the server no longer has. */
    public record Result(Map<String, Fetched> found, Set<String> missing) {
    }

    public Result fetch(CalDavAccount c, URI calendar, List<String> hrefs) throws CalDavException {
        Map<String, Fetched> found = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (int from = 0; from < hrefs.size(); from += batchSize) {
            List<String> batch = hrefs.subList(from, Math.min(hrefs.size(), from + batchSize));
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><c:calendar-multiget"
                    + " xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop><d:getetag/><c:calendar-data/>"
                    + "</d:prop>");
            for (String href : batch) {
                xml.append("<d:href>").append(SyncCollectionReport.escape(URI.create(href).getRawPath())).append("</d:href>");
            }
            xml.append("</c:calendar-multiget>");
            DavAnswer a = client.report(c, calendar, 1, xml.toString());
            CalDavClient.expect(c, a, "REPORT calendar-multiget", 207);
            Set<String> asked = new LinkedHashSet<>(batch);
            Set<URI> unasked = new LinkedHashSet<>();
            for (Multistatus.Response r : Multistatus.parse(a.body(), a.url()).responses()) {
                String href = r.href().toString();
                String data = r.text(Multistatus.CALDAV, "calendar-data");
                if (!asked.contains(href) || !Multistatus.isMember(r.href(), calendar)) {
                    unasked.add(r.href()); // only what was asked for counts: data for another href moves nothing
                } else if (r.status() / 100 == 2 && data != null) {
                    found.put(href, new Fetched(href, r.text(Multistatus.DAV, "getetag"), data));
                    asked.remove(href);
                }
            }
            Outsiders.log(calendar, unasked);
            missing.addAll(asked); // answered 404, or not answered at all
        }
        return new Result(found, missing);
    }
}
