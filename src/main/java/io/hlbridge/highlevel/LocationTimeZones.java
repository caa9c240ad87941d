package io.hlbridge.highlevel;

import java.time.Duration;
import java.time.ZoneId;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The zone recurring appointments are written in: the connection's {@code time-zone} when set, otherwise the
 * HighLevel location's ({@code GET /locations/{id}}, cached), otherwise UTC.
 */
public class LocationTimeZones {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final HighLevelClient client;
    private final Cache<String, ZoneId> cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(6)).build();

    public LocationTimeZones(HighLevelClient client) {
        this.client = client;
    }

    /** Where an appointment's event is written: series in the location's zone (DST-safe RRULEs), others in UTC. */
    public ZoneId writingZone(HighLevelCredentials c, Appointment a) throws Exception {
        return a.recurring() ? zoneOf(c) : UTC;
    }

    public ZoneId zoneOf(HighLevelCredentials c) throws Exception {
        if (c.timeZone() != null) {
            return c.timeZone();
        }
        ZoneId zone = cache.getIfPresent(c.locationId());
        if (zone == null) {
            zone = client.getLocationTimeZone(c).map(LocationTimeZones::zone).orElse(UTC);
            cache.put(c.locationId(), zone);
        }
        return zone;
    }

    /** HighLevel's zone name; UTC when HighLevel names one Java does not know. */
    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            return UTC;
        }
    }
}
