package io.hlbridge.highlevel;

import java.time.Duration;
import java.time.ZoneId;

import io.hlbridge.connections.Connection;
import io.hlbridge.config.TtlCache;

/**
 * The zone recurring appointments are written in: the connection's {@code time-zone} when set, otherwise the
 * HighLevel location's ({@code GET /locations/{id}}, cached), otherwise UTC.
 */
public class LocationTimeZones {
    private final HighLevelClient client;
    private final TtlCache<String, ZoneId> cache = new TtlCache<>(Duration.ofHours(6));

    public LocationTimeZones(HighLevelClient client) {
        this.client = client;
    }

    /** Where an appointment's event is written: series in the location's zone (DST-safe RRULEs), others in UTC. */
    public ZoneId writingZone(Connection c, Appointment a) throws Exception {
        return a.recurring() ? zoneOf(c) : ZoneId.of("UTC");
    }

    public ZoneId zoneOf(Connection c) throws Exception {
        if (c.timeZone() != null && !c.timeZone().isBlank()) {
            return ZoneId.of(c.timeZone());
        }
        return cache.get(c.locationId(), id -> client.getLocationTimeZone(c).map(ZoneId::of).orElse(ZoneId.of("UTC")));
    }
}
