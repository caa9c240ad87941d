package io.hlbridge.caldav;

/** The CalDAV operations as the flows use them, over one client (one connection pool). */
public record CalDav(CalDavClient client, CalendarDiscovery discovery, SyncCollectionReport syncReport,
        CalendarQueryEtags queryEtags, CalendarMultiget multiget) {

    public static CalDav create(CalDavSettings settings) {
        CalDavClient client = new CalDavClient(settings.url(), settings.timeout(), settings.maxAnswerBytes());
        return new CalDav(client, new CalendarDiscovery(client), new SyncCollectionReport(client),
                new CalendarQueryEtags(client), new CalendarMultiget(client, settings.multigetBatchSize()));
    }
}
