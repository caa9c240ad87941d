package io.hlbridge.ical;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TemporalAdapter;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.DtStart;

/**
 * The instants of an event's dates as RFC 5545 reads them: date-times in their own zone, UTC in UTC, floating
 * times and all-day dates in the user's zone; occurrence keys that never depend on a zone.
 */
final class EventTimes {
    private static final DateTimeFormatter WRITTEN_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    /** DateProperty's TemporalAdapter, which keeps the value as written; null where it cannot be read. */
    private static final Field WRITTEN = writtenField();

    private EventTimes() {
    }

    static Temporal startOf(VEvent e) {
        return e.getStartDate().map(d -> (Temporal) d.getDate())
                .orElseThrow(() -> new IllegalArgumentException("VEVENT " + e.getProperty(Property.UID)
                        .map(Property::getValue).orElse("") + " has no DTSTART"));
    }

    /**
     * DTSTART's local time as written when ical4j read it as another: a time in a spring-forward gap, which ical4j (as
     * java.time) moves forward by the gap. A series' rule runs from the written time (RFC 5545 §3.3.5 moves only the
     * nonexistent instance). ical4j keeps the written value only in the property's private TemporalAdapter, so it is
     * read reflectively; where that fails (another ical4j), the moved time stands, as before.
     */
    static Optional<LocalDateTime> nominalStart(VEvent e) {
        Optional<DtStart<Temporal>> p = e.getStartDate();
        if (WRITTEN == null || p.isEmpty() || !(p.get().getDate() instanceof ZonedDateTime read)
                || !justAfterAGap(read) || p.get().getParameter(Parameter.TZID).isEmpty()) {
            return Optional.empty(); // nothing was moved: no reflective read on the expansion's hot path
        }
        try {
            String value = ((TemporalAdapter<?>) WRITTEN.get(p.get())).getValueString();
            LocalDateTime written = LocalDateTime.parse(value, WRITTEN_FORMAT);
            return written.equals(read.toLocalDateTime()) ? Optional.empty() : Optional.of(written);
        } catch (ReflectiveOperationException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    /** Whether {@code t} lies within a gap's length after a spring-forward: where ical4j puts a time of the gap. */
    private static boolean justAfterAGap(ZonedDateTime t) {
        ZoneOffsetTransition gap = t.getZone().getRules().previousTransition(t.toInstant().plusNanos(1));
        return gap != null && gap.isGap() && t.toInstant().isBefore(gap.getInstant().plus(gap.getDuration()));
    }

    private static Field writtenField() {
        try {
            Field f = DateProperty.class.getDeclaredField("date");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * DTEND, else DTSTART + DURATION, else one day for a date and no time at all for a date-time (RFC 5545). A DTSTART
     * written in a gap lasts from its written time to DTEND on the clock (02:30 to 03:00 is half an hour, placed at
     * 03:30), as dateutil reads it; measured from the moved time it would end before it starts.
     */
    static Instant endOf(VEvent e, Temporal start, ZoneId zone) {
        Instant begin = toInstant(start, zone);
        Optional<Property> dtend = e.getProperty(Property.DTEND);
        Temporal ownStart = startOf(e);
        if (dtend.isPresent()) {
            Temporal end = ((DateProperty<?>) dtend.get()).getDate();
            if (start instanceof LocalDate s && end instanceof LocalDate en && ownStart instanceof LocalDate os) {
                return s.plusDays(en.toEpochDay() - os.toEpochDay()).atStartOfDay(zone).toInstant();
            }
            Optional<LocalDateTime> written = nominalStart(e);
            if (written.isPresent() && end instanceof ZonedDateTime z && z.getZone().equals(zoned(ownStart, zone).getZone())) {
                return begin.plus(Duration.between(written.get(), z.toLocalDateTime()));
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
