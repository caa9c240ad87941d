package io.hlbridge.busytime;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarCollection;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.config.SyncWindow;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionStatus;
import io.hlbridge.connections.Connections;
import io.hlbridge.connections.RefusedCredentials;
import io.hlbridge.runtime.BridgeMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Apple ID's calendars to poll: the linked calendar and the conflict calendars of each of its connections,
 * found by discovery (cached), each once per connection. Calendars refused for reading (R8) or not found are left out with one
 * log line; a 401 holds the connection back ({@link RefusedCredentials}).
 */
public class PollableCalendars implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(PollableCalendars.class);

    private final CalendarDiscovery discovery;
    private final RefusedCredentials credentials;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final SyncWindow window;
    private final PollsInFlight inFlight;
    private final ConnectionStatus status;

    private final BridgeMetrics metrics;

    public PollableCalendars(CalendarDiscovery discovery, Connections connections, SyncWindow window,
            PollsInFlight inFlight, BridgeMetrics metrics) {
        this.metrics = metrics;
        this.discovery = discovery;
        this.credentials = connections.credentials();
        this.status = connections.status();
        this.window = window;
        this.inFlight = inFlight;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        Instant now = Instant.now();
        Instant windowStart = window.start(now);
        Instant windowEnd = window.end(now);
        List<CalendarPoll> polls = new ArrayList<>();
        List<Connection> group = (List<Connection>) exchange.getMessage().getBody(List.class);
        if (!group.isEmpty() && !inFlight.runningIn(DueCalendarPolls.appleId(group.get(0)), exchange)) {
            exchange.getMessage().setBody(polls); // another node polls this Apple ID in this interval
            return;
        }
        for (Connection c : group) {
            Set<URI> seen = new LinkedHashSet<>(); // per connection: two connections block two users' time
            Set<String> names = new LinkedHashSet<>();
            names.add(c.linkedCalendar());
            names.addAll(c.conflictCalendars());
            String refused = null;
            for (String name : names) {
                CalendarCollection cal;
                String source = "discovery of calendar '" + name + "'";
                try {
                    cal = discovery.find(c, name);
                    status.succeeded(c.name(), source);
                } catch (CalDavException.CalendarRefused e) {
                    status.succeeded(c.name(), source); // the server answered: the refusal is the state's
                    refused = "calendar '" + name + "': " + e.getMessage();
                    once(c, name, "'" + name + "' is not polled: " + e.getMessage());
                    continue;
                } catch (Exception e) {
                    if (credentials.record(c, e)) {
                        break; // the connection's other calendars would be refused the same way
                    }
                    // the calendar's polls cannot start: counted as failed polls, as a failure after discovery is
                    metrics.increment(BridgeMetrics.POLLS, "failed");
                    metrics.increment(BridgeMetrics.POLL_FAILURES, PollFailure.reason(e));
                    status.failed(c.name(), source, "calendar '" + name + "' could not be "
                            + (e instanceof CalDavException.RetryLater ? "reached" : "found") + ": " + e.getMessage());
                    once(c, name, "'" + name + "' is not polled: " + e.getMessage());
                    continue;
                }
                String refusal = name.equals(c.linkedCalendar()) ? cal.refusalForWriting().orElse(null)
                        : cal.refusalForReading().orElse(null);
                if (refusal != null) {
                    refused = "calendar " + cal.label() + ": " + refusal;
                    once(c, name, cal.label() + " is refused: " + refusal);
                }
                if (cal.refusalForReading().isEmpty() && seen.add(cal.url())) {
                    polls.add(new CalendarPoll(c, cal.url(), windowStart, windowEnd));
                }
            }
            if (refused == null) {
                status.calendarsUsable(c.name());
            } else {
                status.calendarRefused(c.name(), refused);
            }
        }
        exchange.getMessage().setBody(polls);
    }

    /** Logs what is wrong with one calendar of a connection once, not on every poll. */
    private void once(Connection c, String calendar, String what) {
        if (reported.add(c.name() + "|" + calendar)) {
            LOG.warn("Connection '{}': calendar {}", c.name(), what);
        }
    }
}
