package io.hlbridge.busytime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.hlbridge.caldav.CalendarMultiget;
import io.hlbridge.ical.ICalendarReader;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.LinkStore;
import io.hlbridge.store.ResourceStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Fetches the changed resources with calendar-multiget and parses them. Members whose ETag is the one already
 * seen (including our own writes, R11) are not fetched. Resources we wrote for HighLevel appointments go aside
 * as possible moves (R6), never as busy time. A resource that cannot be parsed is quarantined with its href and
 * the reason, and does not stop the others; it is fetched again when its ETag changes.
 */
public class FetchChangedEvents implements Processor {
    private final CalendarMultiget multiget;
    private final ResourceStore resources;
    private final LinkStore links;
    private final BridgeMetrics metrics;
    private final ResourceQuarantine quarantine;

    public FetchChangedEvents(CalendarMultiget multiget, ResourceStore resources, LinkStore links, BridgeMetrics metrics,
            ResourceQuarantine quarantine) {
        this.multiget = multiget;
        this.resources = resources;
        this.links = links;
        this.metrics = metrics;
        this.quarantine = quarantine;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CalendarPoll poll = CalendarPoll.of(exchange);
        if (poll.changed().isEmpty()) {
            return;
        }
        String connection = poll.connection().name();
        Map<String, ResourceStore.Resource> seen = resources.find(connection, poll.changed().keySet());
        Map<String, EventLink> linked = links.byHrefs(connection, poll.changed().keySet());
        List<String> toFetch = new ArrayList<>();
        Map<String, EventLink> ours = new HashMap<>();
        for (Map.Entry<String, String> e : poll.changed().entrySet()) {
            String href = e.getKey();
            String etag = e.getValue();
            EventLink link = linked.get(href);
            if (link != null && !link.inCalendar(poll.calendar().toString())) {
                continue; // ours, but written to another calendar: what this one serves under its href moves nothing
            }
            String known = link != null ? link.etag() : seen.containsKey(href) ? seen.get(href).etag() : null;
            if (etag != null && Objects.equals(etag, known) && !poll.refetchAll()) {
                continue;
            }
            if (link != null) {
                ours.put(href, link);
            }
            toFetch.add(href);
        }
        if (toFetch.isEmpty()) {
            return;
        }
        CalendarMultiget.Result result = multiget.fetch(poll.connection(), poll.calendar(), toFetch);
        for (String href : result.missing()) {
            if (!ours.containsKey(href)) {
                poll.deleted().add(href);
            }
        }
        for (CalendarMultiget.Fetched f : result.found().values()) {
            metrics.increment(BridgeMetrics.FETCHED);
            EventLink link = ours.get(f.href());
            if (link != null) {
                poll.ownEdits().add(new CalendarPoll.OwnEdit(link, f));
                continue;
            }
            try {
                poll.parsed().add(new CalendarPoll.Parsed(f.href(), f.etag(), f.data(), ICalendarReader.parse(f.data())));
            } catch (ICalendarReader.Unreadable e) {
                quarantine.record(poll, f.href(), f.etag(), "unreadable calendar data: " + e.getMessage());
            }
        }
    }
}
