package io.hlbridge.ical;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Optional;

import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * The instants of an event's dates as RFC 5545 reads them: date-times in their own zone, UTC in UTC, floating
 * times and all-day dates in the user's zone; occurrence keys that never depend on a zone.
 */
final class EventTimes {
    private EventTimes() {
    }

    static Temporal startOf(VEvent e) {
        return e.getStartDate().map(d -> (Temporal) d.getDate())
                .orElseThrow(() -> new IllegalArgumentException("VEVENT " + e.getProperty(Property.UID)
                        .map(Property::getValue).orElse("") + " has no DTSTART"));
    }

    /** DTEND, else DTSTART + DURATION, else one day for a date and no time at all for a date-time (RFC 5545). */
    static Instant endOf(VEvent e, Temporal start, ZoneId zone) {
        Instant begin = toInstant(start, zone);
        Optional<Property> dtend = e.getProperty(Property.DTEND);
        Temporal ownStart = startOf(e);
        if (dtend.isPresent()) {
            Temporal end = ((DateProperty<?>) dtend.get()).getDate();
            if (start instanceof LocalDate s && end instanceof LocalDate en && ownStart instanceof LocalDate os) {
                return s.plusDays(en.toEpochDay() - os.toEpochDay()).atStartOfDay(zone).toInstant();
            }
            return begin.plus(Duration.between(toInstant(ownStart, zone), toInstant(end, zone)));
        }
        Optional<Property> duration = e.getProperty(Property.DURATION);
        if (duration.isPresent()) {
            java.time.temporal.TemporalAmount amount = ((net.fortuna.ical4j.model.property.Duration) duration.get())
                    .getDuration();
            if (start instanceof LocalDate s) {
                return s.atStartOfDay(zone).plus(amount).toInstant();
            }
            return zoned(start, zone).plus(amount).toInstant();
        }
        return start instanceof LocalDate s ? s.plusDays(1).atStartOfDay(zone).toInstant() : begin;
    }

    /** Occurrence key: epoch millis of the (original) start; dates at midnight UTC, so they never depend on a zone. */
    static String key(Temporal t, ZoneId zone) {
        if (t instanceof LocalDate d) {
            return String.valueOf(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        }
        return String.valueOf(toInstant(t, zone).toEpochMilli());
    }

    static Instant toInstant(Temporal t, ZoneId zone) {
        if (t instanceof LocalDate d) {
            return d.atStartOfDay(zone).toInstant();
        }
        return zoned(t, zone).toInstant();
    }

    /** A date-time in its own zone; UTC values in UTC; floating values in the user's zone. */
    static ZonedDateTime zoned(Temporal t, ZoneId zone) {
        if (t instanceof ZonedDateTime z) {
            return z;
        }
        if (t instanceof OffsetDateTime o) {
            return o.toZonedDateTime();
        }
        if (t instanceof Instant i) {
            return i.atZone(ZoneOffset.UTC);
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(zone);
        }
        if (t instanceof LocalDate d) {
            return d.atStartOfDay(zone);
        }
        throw new IllegalArgumentException("unsupported date value " + t);
    }
}
