package io.hlbridge.ical;

import java.io.StringReader;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;

/**
 * Parses calendar data as servers return it, in ical4j's relaxed modes (see {@code ical4j.properties}): Apple's
 * and Outlook's deviations are accepted; what still cannot be read is reported with ical4j's reason.
 */
public final class ICalendarReader {

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
}
