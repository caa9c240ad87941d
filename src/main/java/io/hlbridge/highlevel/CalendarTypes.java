package io.hlbridge.highlevel;

import java.time.Duration;

import io.hlbridge.connections.Connection;
import io.hlbridge.config.TtlCache;

/** {@code calendarType} per calendar id, from {@code GET /calendars/{id}}, cached (a type rarely changes). */
public class CalendarTypes {
    private final HighLevelClient client;
    private final TtlCache<String, String> cache = new TtlCache<>(Duration.ofHours(1));

    public CalendarTypes(HighLevelClient client) {
        this.client = client;
    }

    public void setTtl(Duration ttl) {
        cache.setTtl(ttl);
    }

    public String typeOf(Connection c, String calendarId) throws Exception {
        return cache.get(calendarId, id -> client.getCalendar(c, id).path("calendarType").asText(""));
    }
}
