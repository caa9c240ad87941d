package io.hlbridge.highlevel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.hlbridge.config.BlockedSlotScope;

/**
 * The body of a blocked-slot create or edit: busy time with no contact (R5). {@code scope} decides which one of
 * {@code assignedUserId} (the user's own availability) or {@code calendarId} is sent; never both.
 */
public record BlockedSlotRequest(String title, Instant start, Instant end, BlockedSlotScope scope, String owner) {

    Map<String, Object> body(String locationId) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("locationId", locationId);
        b.put("title", title);
        b.put("startTime", start.toString());
        b.put("endTime", end.toString());
        b.put(scope == BlockedSlotScope.USER ? "assignedUserId" : "calendarId", owner);
        return b;
    }
}
