package io.hlbridge.connections;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, discovers each connection's calendars and says whether its linked and conflict calendars are
 * usable (R8): subscribed, task-only and read-only calendars are refused with the reason. A connection whose
 * app password was replaced since the server refused it is usable again, and the work that waited for it is due.
 */
public class ConnectionsCheck implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsCheck.class);
    private final ConnectionDirectory connections;
    private final CalendarDiscovery discovery;
    private final RefusedCredentials credentials;
    private final InboxStore inbox;

    public ConnectionsCheck(ConnectionDirectory connections, CalendarDiscovery discovery,
            RefusedCredentials credentials, InboxStore inbox) {
        this.connections = connections;
        this.discovery = discovery;
        this.credentials = credentials;
        this.inbox = inbox;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (connections.all().isEmpty()) {
            LOG.warn("No connections are configured (connections.<name>.*): nothing will be synced; docs/first-sub-account.md"
                    + " adds the first one");
        }
        boolean replaced = false;
        for (Connection c : connections.all()) {
            replaced |= credentials.liftIfReplaced(c);
            var held = credentials.holding(c);
            if (held.isPresent()) {
                LOG.error("Connection '{}' is not used until its app password is replaced or the hold ends: {}",
                        c.name(), held.get());
                continue;
            }
            try {
                LOG.info("Connection '{}': linked calendar {}", c.name(), discovery.linkedCalendar(c).label());
                for (String name : c.conflictCalendars()) {
                    var cal = discovery.find(c, name);
                    cal.refusalForReading().ifPresentOrElse(
                            why -> LOG.error("Connection '{}': conflict calendar {} is refused: {}", c.name(), cal.label(), why),
                            () -> LOG.info("Connection '{}': conflict calendar {}", c.name(), cal.label()));
                }
            } catch (CalDavException.CalendarRefused e) {
                LOG.error(e.getMessage());
            } catch (Exception e) {
                if (!credentials.record(c, e)) {
                    LOG.warn("Connection '{}': calendars could not be checked now: {}", c.name(), e.getMessage());
                }
            }
        }
        if (replaced) {
            LOG.info("{} waiting webhook(s) are due now", inbox.makeDue(System.currentTimeMillis()));
        }
    }
}
