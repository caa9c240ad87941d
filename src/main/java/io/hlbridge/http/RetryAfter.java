package io.hlbridge.http;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** An HTTP {@code Retry-After}: seconds, or an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait it asks for, in milliseconds (0 or more); -1 when absent or unreadable. */
    public static long millis(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException e) {
            try {
                return Math.max(0, ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                        .toEpochMilli() - System.currentTimeMillis());
            } catch (RuntimeException e2) {
                return -1;
            }
        }
    }
}
