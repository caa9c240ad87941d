package io.hlbridge.sync;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.config.Connection;
import io.hlbridge.config.ConnectionDirectory;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, discovers each connection's calendars and says whether its linked and conflict calendars are
 * usable (R8): subscribed, task-only and read-only calendars are refused with the reason.
 */
public class ConnectionsCheck implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsCheck.class);
    private final ConnectionDirectory connections;
    private final CalendarDiscovery discovery;

    public ConnectionsCheck(ConnectionDirectory connections, CalendarDiscovery discovery) {
        this.connections = connections;
        this.discovery = discovery;
    }

    @Override
    public void process(Exchange exchange) {
        if (connections.all().isEmpty()) {
            LOG.warn("No connections are configured (connections.<name>.*): nothing will be synced");
        }
        for (Connection c : connections.all()) {
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
                LOG.warn("Connection '{}': calendars could not be checked now: {}", c.name(), e.getMessage());
            }
        }
    }
}
