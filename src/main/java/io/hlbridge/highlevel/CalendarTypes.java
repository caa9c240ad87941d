package io.hlbridge.highlevel;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** {@code calendarType} per calendar id, from {@code GET /calendars/{id}}, cached (a type rarely changes). */
public class CalendarTypes {
    private final HighLevelClient client;
    private final Cache<String, String> cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).build();

    public CalendarTypes(HighLevelClient client) {
        this.client = client;
    }

    public String typeOf(HighLevelCredentials c, String calendarId) throws Exception {
        String type = cache.getIfPresent(calendarId);
        if (type == null) {
            type = client.getCalendar(c, calendarId).path("calendarType").asText("");
            cache.put(calendarId, type);
        }
        return type;
    }
}
