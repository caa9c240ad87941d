package io.hlbridge.ical;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.hlbridge.config.AllDayPolicy;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * The busy occurrences of one calendar object resource inside a window (R5, R9), expanded here rather than by
 * the server. Series are expanded from their real DTSTART in their own zone (wall-clock times survive DST), within
 * {@code sync.max-occurrences-per-event} ({@link RecurrenceSet}); EXDATE removes, RDATE adds, a RECURRENCE-ID
 * override replaces its occurrence (a moved one blocks only its new time), {@code RANGE=THISANDFUTURE} shifts every
 * later occurrence; an occurrence that ends when it starts, or before (DTEND before DTSTART), is no busy time. Floating times
 * and all-day dates are placed in the user's zone. Free occurrences (TRANSP, STATUS:CANCELLED, a declined
 * invitation, the all-day policy) are dropped, each judged with its own properties, else the master's.
 */
public class BusyInstanceExpander {
    public static final String SINGLE = "0";

    private final AllDayPolicy allDay;
    private final RecurrenceSet recurrences;
    private final int maxOccurrences;

    /**
     * @param allDay         {@code sync.all-day}, for a connection that made no choice of its own
     * @param maxOccurrences {@code sync.max-occurrences-per-event}: a series that makes more is refused
     */
    public BusyInstanceExpander(AllDayPolicy allDay, int maxOccurrences) {
        this.allDay = allDay;
        this.recurrences = new RecurrenceSet(maxOccurrences);
        this.maxOccurrences = maxOccurrences;
    }

    /** Whether the resource holds a series, whose occurrences change as the window moves. */
    public static boolean isRecurring(Calendar calendar) {
        for (Object o : calendar.getComponents("VEVENT")) {
            VEvent e = (VEvent) o;
            if (e.getProperty(Property.RRULE).isPresent() || e.getProperty(Property.RDATE).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Whether some VEVENT of the resource starts at or after {@code instant}: it may come into the window later. */
    public static boolean startsAtOrAfter(Calendar calendar, Instant instant, ZoneId userZone) {
        for (Object o : calendar.getComponents("VEVENT")) {
            Optional<Temporal> start = ((VEvent) o).getStartDate().map(d -> (Temporal) d.getDate());
            if (start.isPresent() && !EventTimes.toInstant(start.get(), userZone).isBefore(instant)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Busy occurrences overlapping [windowStart, windowEnd), sorted by start.
     *
     * @param userAddresses the user's calendar addresses (e-mail, lower case), to recognise declined invitations
     */
    public List<BusyInstance> expand(Calendar calendar, Instant windowStart, Instant windowEnd, ZoneId userZone,
            Set<String> userAddresses) {
        return expand(calendar, windowStart, windowEnd, userZone, userAddresses, null);
    }

    /** As {@link #expand(Calendar, Instant, Instant, ZoneId, Set)}, with a connection's own all-day choice (or null). */
    public List<BusyInstance> expand(Calendar calendar, Instant windowStart, Instant windowEnd, ZoneId userZone,
            Set<String> userAddresses, AllDayPolicy connectionAllDay) {
        BusyRules rules = new BusyRules(connectionAllDay == null ? allDay : connectionAllDay);
        Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
        for (Object o : calendar.getComponents("VEVENT")) {
            VEvent e = (VEvent) o;
            byUid.computeIfAbsent(e.getProperty(Property.UID).map(Property::getValue).orElse(""), k -> new ArrayList<>())
                    .add(e);
        }
        List<BusyInstance> out = new ArrayList<>();
        for (List<VEvent> events : byUid.values()) {
            expandSeries(events, windowStart, windowEnd, userZone, userAddresses, rules, out);
        }
        out.sort(Comparator.comparing(BusyInstance::start).thenComparing(BusyInstance::key));
        return out;
    }

    /** One occurrence before the busy rules: its key, times, and the component whose properties apply. */
    private record Occurrence(String key, Temporal original, Instant start, Instant end, VEvent component) {
    }

    private void expandSeries(List<VEvent> events, Instant w0, Instant w1, ZoneId zone, Set<String> addresses,
            BusyRules rules, List<BusyInstance> out) {
        VEvent master = null;
        Map<String, VEvent> overrides = new TreeMap<>();
        TreeMap<String, VEvent> thisAndFuture = new TreeMap<>();
        for (VEvent e : events) {
            Optional<Property> rid = e.getProperty(Property.RECURRENCE_ID);
            if (rid.isEmpty()) {
                master = e;
                continue;
            }
            String key = EventTimes.key(((DateProperty<?>) rid.get()).getDate(), zone);
            overrides.put(key, e);
            if (rid.get().getParameter(Parameter.RANGE).map(p -> "THISANDFUTURE".equalsIgnoreCase(p.getValue()))
                    .orElse(false)) {
                thisAndFuture.put(key, e);
            }
        }
        Map<String, Occurrence> occurrences = new TreeMap<>();
        if (master != null) {
            Temporal start = EventTimes.startOf(master);
            boolean series = master.getProperty(Property.RRULE).isPresent() || master.getProperty(Property.RDATE).isPresent();
            if (!series) {
                occurrences.put(SINGLE, occurrence(SINGLE, master, start, zone));
            } else {
                Map<String, Instant> periodEnds = new HashMap<>();
                for (Temporal s : recurrences.starts(master, start, w0, w1, zone, periodEnds)) {
                    String k = EventTimes.key(s, zone);
                    Instant periodEnd = periodEnds.get(k);
                    occurrences.put(k, periodEnd == null ? occurrence(k, master, s, zone)
                            : new Occurrence(k, s, EventTimes.toInstant(s, zone), periodEnd, master));
                }
            }
        }
        // THISANDFUTURE: later occurrences take the override's shift (in wall-clock time, so DST does not bend it),
        // its duration and its properties (RFC 5545 §3.8.4.4).
        for (Map.Entry<String, VEvent> f : thisAndFuture.entrySet()) {
            VEvent o = f.getValue();
            long rid = Long.parseLong(f.getKey());
            if (master == null) {
                continue;
            }
            if (EventTimes.startOf(master) instanceof LocalDate) {
                shiftAllDay(occurrences, rid, o, zone);
                continue;
            }
            ZonedDateTime from = Instant.ofEpochMilli(rid).atZone(EventTimes.zoned(EventTimes.startOf(master), zone).getZone());
            ZonedDateTime to = EventTimes.toInstant(EventTimes.startOf(o), zone).atZone(from.getZone());
            Duration shift = Duration.between(from.toLocalDateTime(), to.toLocalDateTime());
            Duration length = Duration.between(to.toInstant(), EventTimes.endOf(o, EventTimes.startOf(o), zone));
            occurrences.replaceAll((k, occ) -> {
                if (k.equals(SINGLE) || Long.parseLong(k) <= rid || occ.original() instanceof LocalDate) {
                    return occ;
                }
                ZonedDateTime orig = EventTimes.zoned(occ.original(), zone);
                Instant start = orig.toLocalDateTime().plus(shift).atZone(orig.getZone()).toInstant();
                return new Occurrence(k, occ.original(), start, start.plus(length), o);
            });
        }
        for (Map.Entry<String, VEvent> o : overrides.entrySet()) {
            Temporal s = EventTimes.startOf(o.getValue());
            occurrences.put(o.getKey(), occurrence(o.getKey(), o.getValue(), s, zone));
        }
        if (occurrences.size() > maxOccurrences) {
            throw new RecurrenceSet.TooManyOccurrences("it has " + occurrences.size() + " instances in the window, more"
                    + " than sync.max-occurrences-per-event=" + maxOccurrences);
        }
        for (Occurrence occ : occurrences.values()) {
            if (!occ.end().isAfter(occ.start())) {
                continue; // DTEND not after DTSTART: no busy time (HighLevel refuses a slot that ends as it starts)
            }
            if (occ.start().isBefore(w1) && occ.end().isAfter(w0) && rules.busy(occ.component(), master, addresses)) {
                out.add(new BusyInstance(occ.key(), occ.start(), occ.end(), BusyRules.summary(occ.component(), master)));
            }
        }
    }

    /**
     * THISANDFUTURE on an all-day series: later days move by the override's shift in days and take its length in
     * days (a date's key is its UTC midnight). A timed override of an all-day series moves nothing but itself.
     */
    private static void shiftAllDay(Map<String, Occurrence> occurrences, long rid, VEvent o, ZoneId zone) {
        if (!(EventTimes.startOf(o) instanceof LocalDate to)) {
            return;
        }
        LocalDate from = LocalDate.ofInstant(Instant.ofEpochMilli(rid), ZoneOffset.UTC);
        long shift = ChronoUnit.DAYS.between(from, to);
        long length = ChronoUnit.DAYS.between(to, LocalDate.ofInstant(EventTimes.endOf(o, to, zone), zone));
        occurrences.replaceAll((k, occ) -> {
            if (k.equals(SINGLE) || Long.parseLong(k) <= rid || !(occ.original() instanceof LocalDate day)) {
                return occ;
            }
            LocalDate moved = day.plusDays(shift);
            return new Occurrence(k, day, EventTimes.toInstant(moved, zone),
                    EventTimes.toInstant(moved.plusDays(length), zone), o);
        });
    }

    private Occurrence occurrence(String key, VEvent component, Temporal start, ZoneId zone) {
        return new Occurrence(key, start, EventTimes.toInstant(start, zone), EventTimes.endOf(component, start, zone), component);
    }

}
