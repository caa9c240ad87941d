package io.hlbridge.ical;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RDate;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The starts of a series (RFC 5545 §3.8.5) that may overlap a window: DTSTART, always the first instance; every RRULE
 * (several mean their union); RDATEs, periods in their own TZID; minus EXDATEs. Bounded: a rule that would make more
 * than {@code maxOccurrences} instances from its start to the window's end (a MINUTELY series, COUNT=10000000) is
 * refused before ical4j iterates it, and a rule without COUNT (or with COUNT and no BYxxx part) is started from its
 * last period before the window rather than from a DTSTART in 1970. A rule ical4j cannot read is dropped (logged), the rest of the series kept.
 */
final class RecurrenceSet {
    private static final Logger LOG = LoggerFactory.getLogger(RecurrenceSet.class);

    /** A series that makes too many instances to expand. */
    static final class TooManyOccurrences extends RuntimeException {
        TooManyOccurrences(String message) {
            super(message);
        }
    }

    private final int maxOccurrences;

    RecurrenceSet(int maxOccurrences) {
        this.maxOccurrences = maxOccurrences;
    }

    /**
     * Starts of the master's series that may overlap [w0, w1). An RDATE period (VALUE=PERIOD) keeps its own end, put
     * in {@code periodEnds} under the occurrence's key.
     */
    List<Temporal> starts(VEvent master, Temporal start, Instant w0, Instant w1, ZoneId zone,
            Map<String, Instant> periodEnds) {
        Duration length = Duration.between(EventTimes.toInstant(start, zone), EventTimes.endOf(master, start, zone));
        Instant from = w0.minus(length.isNegative() ? Duration.ZERO : length).minus(Duration.ofDays(1));
        Instant to = w1.plus(Duration.ofDays(1));
        List<Temporal> starts = new ArrayList<>();
        Instant first = EventTimes.toInstant(start, zone);
        if (!first.isBefore(from) && first.isBefore(to)) {
            starts.add(start); // DTSTART is always the first instance, with a rule, with RDATEs only, matching or not
        }
        Optional<LocalDateTime> written = EventTimes.nominalStart(master);
        for (Property p : master.getProperties(Property.RRULE)) {
            Recur<Temporal> recur;
            try {
                recur = new Recur<>(withWeekStart(p.getValue()));
            } catch (RuntimeException e) {
                LOG.info("Dropped an unreadable RRULE ({}) of {}; its other instances stay", p.getValue(), uid(master));
                continue;
            }
            starts.addAll(ruleStarts(recur, start, written, from, to, zone));
        }
        for (Property p : master.getProperties(Property.RDATE)) {
            ZoneId own = tzid(p, master).orElse(zone);
            Optional<? extends Set<? extends Period<?>>> periods = ((RDate<?>) p).getPeriods();
            if (periods.isPresent()) {
                for (Period<?> period : periods.get()) {
                    // in the zone ical4j read the period in (a TZID only the file's VTIMEZONE defines included), its
                    // start and end alike: java.time's rules for the TZID could disagree with the file's
                    ZoneId read = period.getStart() instanceof ZonedDateTime z ? z.getZone() : own;
                    Temporal s = inZone(period.getStart(), read);
                    starts.add(s);
                    periodEnds.put(EventTimes.key(s, zone), EventTimes.toInstant(inZone(period.getEnd(), read), zone));
                }
                continue;
            }
            for (Object d : ((DateListProperty<?>) p).getDates()) {
                starts.add(start instanceof LocalDate ? LocalDate.from((Temporal) d) : inZone((Temporal) d, own));
            }
        }
        Set<String> excluded = new HashSet<>();
        for (Property p : master.getProperties(Property.EXDATE)) {
            ZoneId own = tzid(p, master).orElse(zone);
            for (Object d : ((DateListProperty<?>) p).getDates()) { // a date excludes the day of an all-day series
                excluded.add(EventTimes.key(d instanceof LocalDate day ? day : inZone((Temporal) d, own), zone));
            }
        }
        starts.removeIf(s -> excluded.contains(EventTimes.key(s, zone)));
        return starts;
    }

    /**
     * The rule's starts. It runs from DTSTART's local time as written (a date, or a date-time read in its zone, which
     * is the user's for a floating one): a DTSTART in a spring-forward gap is itself placed an hour later, but the rule
     * still makes the written time on every other day (RFC 5545 §3.3.5; dateutil and python-recurring-ical-events
     * agree).
     */
    private List<Temporal> ruleStarts(Recur<Temporal> recur, Temporal start, Optional<LocalDateTime> written,
            Instant from, Instant to, ZoneId userZone) {
        ZoneId zone = start instanceof LocalDate ? userZone : EventTimes.zoned(start, userZone).getZone();
        Temporal seed = start instanceof LocalDate ? start
                : written.orElseGet(() -> EventTimes.zoned(start, userZone).toLocalDateTime());
        long step = stepSeconds(recur);
        long whole = step <= 0 ? 0 : wholeStepsBefore(EventTimes.toInstant(seed, zone), from, step);
        if (whole > 0 && recur.getCount() < 0 && recur.getSetPosList().isEmpty()) {
            seed = advance(seed, zone, whole, step, recur.getFrequency());
        } else if (whole > 0 && recur.getCount() > 0 && onlyFrequency(recur)) {
            // one instance per step: the first `whole` are before the window, the rest start from there
            if (whole >= recur.getCount()) {
                return List.of();
            }
            seed = advance(seed, zone, whole, step, recur.getFrequency());
            recur = new Recur<>(recur.toString().replaceAll("COUNT=\\d+", "COUNT=" + (recur.getCount() - whole)));
        }
        long steps = step <= 0 ? 0 : Math.max(0, Duration.between(EventTimes.toInstant(seed, zone), to).toSeconds())
                / step;
        if (recur.getCount() > 0) {
            steps = Math.min(steps, recur.getCount());
        }
        if (steps > maxOccurrences) {
            throw new TooManyOccurrences("its rule (" + recur + ") makes about " + steps + " instances from its start to"
                    + " the window's end, more than sync.max-occurrences-per-event=" + maxOccurrences);
        }
        if (recur.getFrequency() == Frequency.WEEKLY && !recur.getMonthList().isEmpty()) {
            return weeklyInMonths(recur, seed, from, to, zone);
        }
        return expand(recur, seed, from, to, zone);
    }

    /**
     * The rule's instances from {@code seed} (a date, or a local date-time of {@code zone}) in [from, to): dates as
     * they are, date-times computed in local time.
     */
    private List<Temporal> expand(Recur<Temporal> recur, Temporal seed, Instant from, Instant to, ZoneId zone) {
        List<Temporal> dates = new ArrayList<>();
        if (seed instanceof LocalDate d) {
            dates.addAll(recur.getDates(d, LocalDate.ofInstant(from, zone), LocalDate.ofInstant(to, zone),
                    maxOccurrences + 1));
        } else {
            dates.addAll(inLocalTime(recur, (LocalDateTime) seed, zone, from, to));
        }
        if (dates.size() > maxOccurrences) {
            throw new TooManyOccurrences("its rule (" + recur + ") makes more than sync.max-occurrences-per-event="
                    + maxOccurrences + " instances between " + from + " and " + to);
        }
        return dates;
    }

    /**
     * The rule's instances computed in local time, then placed in the zone one by one (RFC 5545 §3.3.5): a local time
     * that does not exist (a spring-forward gap) moves forward by the gap's length, and only that instance; the others
     * keep their nominal local time. ical4j computes in zoned time, and the instances it derives from one in a gap (the
     * other days of its week) came an hour late. UNTIL, a UTC time, is put in local time first.
     */
    private List<Temporal> inLocalTime(Recur<Temporal> recur, LocalDateTime seed, ZoneId z, Instant from, Instant to) {
        Recur<Temporal> local = recur;
        if (recur.getUntil() != null && !(recur.getUntil() instanceof LocalDate)
                && !(recur.getUntil() instanceof LocalDateTime)) {
            LocalDateTime until = EventTimes.toInstant(recur.getUntil(), z).atZone(z).toLocalDateTime();
            local = new Recur<>(recur.toString().replaceAll("UNTIL=[^;]*", "UNTIL="
                    + until.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))));
        }
        List<Temporal> dates = new ArrayList<>();
        for (Temporal t : local.getDates((Temporal) seed, from.atZone(z).toLocalDateTime(),
                to.atZone(z).toLocalDateTime(), maxOccurrences + 1)) {
            dates.add(((LocalDateTime) t).atZone(z));
        }
        return dates;
    }

    /**
     * RFC 5545 §3.3.10: without WKST, weeks start on Monday. ical4j takes the JVM locale's first day instead (Sunday in
     * the US), which moves the instances of a WEEKLY rule with INTERVAL above 1 or BYSETPOS between machines.
     */
    static String withWeekStart(String rule) {
        return rule.toUpperCase(Locale.ROOT).contains("WKST=") ? rule : rule + ";WKST=MO";
    }

    /**
     * A WEEKLY rule with BYMONTH limits the days (RFC 5545 §3.3.10's table: BYMONTH limits for WEEKLY); ical4j keeps or
     * drops whole weeks by their first day, so days of another month in a week that starts in one of the months are
     * kept, and COUNT runs out on them. Expanded here without BYMONTH and COUNT from the series' start, the days
     * filtered by month, then COUNT applied, then the window.
     */
    private List<Temporal> weeklyInMonths(Recur<Temporal> recur, Temporal seed, Instant from, Instant to, ZoneId zone) {
        Set<Month> months = new HashSet<>();
        recur.getMonthList().forEach(m -> months.add(Month.of(m.getMonthOfYear())));
        String unfiltered = recur.toString().replaceAll(";?BYMONTH=[^;]*", "").replaceAll(";?COUNT=\\d+", "");
        Recur<Temporal> weekly = new Recur<>(unfiltered.startsWith(";") ? unfiltered.substring(1) : unfiltered);
        int count = recur.getCount();
        List<Temporal> kept = new ArrayList<>();
        for (Temporal t : expand(weekly, seed, EventTimes.toInstant(seed, zone), to, zone)) {
            Month month = t instanceof LocalDate d ? d.getMonth() : ((ZonedDateTime) t).getMonth();
            if (months.contains(month)) {
                kept.add(t);
            }
        }
        List<Temporal> counted = count > 0 ? kept.subList(0, Math.min(count, kept.size())) : kept;
        return counted.stream().filter(t -> !EventTimes.toInstant(t, zone).isBefore(from)).toList();
    }

    /** The length of one step of the rule's frequency times its interval, for the frequencies of a fixed length. */
    private static long stepSeconds(Recur<?> recur) {
        long interval = Math.max(1, recur.getInterval());
        Frequency f = recur.getFrequency();
        long unit = switch (f) {
            case SECONDLY -> 1;
            case MINUTELY -> 60;
            case HOURLY -> 3_600;
            case DAILY -> 86_400;
            case WEEKLY -> 7 * 86_400;
            default -> 0; // months and years: a series of those from 1970 is a few hundred instances
        };
        return unit * interval;
    }

    /**
     * Whole steps of the rule from its start to the window's, one short as a margin (BYxxx parts may fall before a
     * period's start). A rule without COUNT makes the same instances from any of its periods' starts, and one with
     * COUNT but no BYxxx part makes one instance per step, so the series can start there instead of in 1970.
     */
    private static long wholeStepsBefore(Instant seed, Instant from, long step) {
        return Math.max(0, Duration.between(seed, from).toSeconds() / step - 1);
    }

    /** The seed moved {@code whole} steps ahead: days and weeks in wall-clock time, so DST does not shift them. */
    private static Temporal advance(Temporal seed, ZoneId zone, long whole, long step, Frequency f) {
        if (seed instanceof LocalDate d) {
            return d.plusDays(whole * step / 86_400);
        }
        LocalDateTime local = (LocalDateTime) seed;
        return f == Frequency.DAILY || f == Frequency.WEEKLY ? local.plusDays(whole * step / 86_400)
                : local.atZone(zone).plusSeconds(whole * step).toLocalDateTime();
    }

    /** Whether the rule has no BYxxx part: one instance per step of its frequency. */
    private static boolean onlyFrequency(Recur<?> r) {
        return r.getSecondList().isEmpty() && r.getMinuteList().isEmpty() && r.getHourList().isEmpty()
                && r.getDayList().isEmpty() && r.getMonthDayList().isEmpty() && r.getYearDayList().isEmpty()
                && r.getWeekNoList().isEmpty() && r.getMonthList().isEmpty() && r.getSetPosList().isEmpty();
    }

    /** A date-time in the zone its property names: TZID is the property's own, whatever ical4j made of it. */
    private static Temporal inZone(Temporal t, ZoneId own) {
        return t instanceof LocalDateTime l ? l.atZone(own) : EventTimes.zoned(t, own);
    }

    /**
     * The zone a property's TZID names: the zone ical4j read DTSTART or DTEND in when they name the same TZID (that is
     * how a TZID only the file's VTIMEZONE defines, as Outlook's Windows names, is read: ical4j does so for them but
     * not for RDATE or EXDATE), else java.time's zone of that name; empty when neither knows it.
     */
    private static Optional<ZoneId> tzid(Property p, VEvent master) {
        return p.getParameter(Parameter.TZID).flatMap(tz -> {
            for (String sibling : List.of(Property.DTSTART, Property.DTEND)) {
                Optional<Property> d = master.getProperty(sibling);
                if (d.isPresent() && d.get().getParameter(Parameter.TZID).map(t -> t.getValue().equals(tz.getValue()))
                        .orElse(false) && ((DateProperty<?>) d.get()).getDate() instanceof ZonedDateTime z) {
                    return Optional.of(z.getZone());
                }
            }
            try {
                return Optional.of(ZoneId.of(tz.getValue()));
            } catch (RuntimeException e) {
                return Optional.empty(); // a zone nothing defines: placed in the user's
            }
        });
    }

    private static String uid(VEvent e) {
        return e.getProperty(Property.UID).map(Property::getValue).orElse("an event");
    }
}
