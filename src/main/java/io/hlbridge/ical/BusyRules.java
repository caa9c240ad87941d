package io.hlbridge.ical;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.hlbridge.config.AllDayPolicy;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * R9: whether one occurrence is busy time. Free are {@code TRANSP:TRANSPARENT}, {@code STATUS:CANCELLED}, an
 * invitation the user declined, and all-day events as {@code sync.all-day} says; each occurrence is judged by its own
 * properties, else by its series' (the master VEVENT).
 */
final class BusyRules {
    private final AllDayPolicy allDay;

    BusyRules(AllDayPolicy allDay) {
        this.allDay = allDay;
    }

    /** R9, for one occurrence: its own TRANSP and STATUS, else the master's. */
    boolean busy(VEvent e, VEvent master, Set<String> addresses) {
        String status = property(e, master, Property.STATUS);
        if ("CANCELLED".equalsIgnoreCase(status)) {
            return false;
        }
        if (declined(e, addresses)) {
            return false;
        }
        String transp = property(e, master, Property.TRANSP);
        boolean allDayEvent = EventTimes.startOf(e) instanceof LocalDate;
        if (!allDayEvent) {
            return !"TRANSPARENT".equalsIgnoreCase(transp);
        }
        return switch (allDay) {
            case RESPECT_TRANSP -> "OPAQUE".equalsIgnoreCase(transp);
            case BUSY -> !"TRANSPARENT".equalsIgnoreCase(transp);
            case FREE -> false;
        };
    }

    private static boolean declined(VEvent e, Set<String> addresses) {
        for (Property a : e.getProperties(Property.ATTENDEE)) {
            String address = a.getValue().replaceFirst("(?i)^mailto:", "").toLowerCase(Locale.ROOT);
            if (addresses.contains(address) && a.getParameter(Parameter.PARTSTAT)
                    .map(p -> "DECLINED".equalsIgnoreCase(p.getValue())).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static String property(VEvent e, VEvent master, String name) {
        Optional<Property> own = e.getProperty(name);
        if (own.isPresent()) {
            return own.get().getValue();
        }
        return master == null ? null : master.getProperty(name).map(Property::getValue).orElse(null);
    }

    static String summary(VEvent e, VEvent master) {
        String s = property(e, master, Property.SUMMARY);
        return s == null ? "" : s;
    }
}
