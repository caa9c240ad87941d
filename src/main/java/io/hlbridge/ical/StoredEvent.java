package io.hlbridge.ical;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What the conflict rule needs of an event as the CalDAV server stores it: its UID, its LAST-MODIFIED (UTC by
 * RFC 5545) and whether it carries our origin mark. Reads unfolded content lines of the first VEVENT only.
 */
public record StoredEvent(String uid, Instant lastModified, boolean ours) {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    public static StoredEvent parse(String ics) {
        String unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "");
        String uid = null;
        Instant lastModified = null;
        boolean ours = false;
        boolean inEvent = false;
        for (String line : unfolded.split("\r?\n")) {
            if (line.equals("BEGIN:VEVENT")) {
                inEvent = true;
            } else if (line.equals("END:VEVENT")) {
                break;
            } else if (inEvent) {
                String name = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
                String value = line.contains(":") ? line.substring(line.indexOf(':') + 1) : "";
                String bare = name.contains(";") ? name.substring(0, name.indexOf(';')) : name;
                switch (bare.toUpperCase(Locale.ROOT)) {
                    case "UID" -> uid = value;
                    case "LAST-MODIFIED" -> lastModified = utc(value);
                    case AppointmentToVEvent.ORIGIN_PROPERTY -> ours = true;
                    default -> { }
                }
            }
        }
        return new StoredEvent(uid, lastModified, ours);
    }

    private static Instant utc(String value) {
        try {
            return LocalDateTime.parse(value.trim(), UTC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
