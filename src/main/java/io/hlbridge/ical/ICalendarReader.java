package io.hlbridge.ical;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses calendar data as servers return it, in ical4j's relaxed modes (see {@code ical4j.properties}): Apple's and
 * Outlook's deviations are accepted. Data ical4j still refuses is read again without what cannot matter for busy time
 * or breaks the rest (alarms, recurrence lines with no value), and what was dropped is logged; only what cannot be
 * read even so is reported, with ical4j's reason.
 */
public final class ICalendarReader {
    private static final Logger LOG = LoggerFactory.getLogger(ICalendarReader.class);
    private static final List<String> VALUE_REQUIRED = List.of("RRULE", "EXRULE", "RDATE", "EXDATE", "DTEND",
            "DURATION", "TRANSP", "STATUS");

    /** Thrown for calendar data that cannot be read at all. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ICalendarReader() {
    }

    public static Calendar parse(String ics) throws Unreadable {
        try {
            return build(ics);
        } catch (Unreadable e) {
            List<String> dropped = new ArrayList<>();
            String salvaged = withoutBrokenParts(ics, dropped);
            if (dropped.isEmpty()) {
                throw e;
            }
            try {
                Calendar c = build(salvaged);
                LOG.info("Calendar data read after dropping {} (first try: {})", dropped, e.getMessage());
                return c;
            } catch (Unreadable again) {
                throw e;
            }
        }
    }

    private static Calendar build(String ics) throws Unreadable {
        try {
            Calendar c = new CalendarBuilder().build(new StringReader(ics));
            if (c.getComponents("VEVENT").isEmpty()) {
                throw new Unreadable("no VEVENT in the calendar data", null);
            }
            return c;
        } catch (Unreadable e) {
            throw e;
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new Unreadable(why.length() > 300 ? why.substring(0, 300) + "..." : why, e);
        }
    }

    /** The text without its VALARM components and without empty-valued properties busy time depends on. */
    static String withoutBrokenParts(String ics, List<String> dropped) {
        String unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "");
        StringBuilder out = new StringBuilder();
        int alarmDepth = 0;
        for (String line : unfolded.split("\r?\n")) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.equals("BEGIN:VALARM")) {
                alarmDepth++;
                if (alarmDepth == 1) {
                    dropped.add("a VALARM");
                }
                continue;
            }
            if (alarmDepth > 0) {
                alarmDepth -= upper.equals("END:VALARM") ? 1 : 0;
                continue;
            }
            int colon = line.indexOf(':');
            String name = (colon < 0 ? upper : upper.substring(0, colon)).split(";")[0];
            if (VALUE_REQUIRED.contains(name) && (colon < 0 || line.substring(colon + 1).isBlank())) {
                dropped.add("an empty " + name);
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.toString();
    }
}
