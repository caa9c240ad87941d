package io.hlbridge.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import io.hlbridge.config.AllDayPolicy;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link BusyRules} (R9), row by row: whether one occurrence blocks HighLevel time. "-" leaves a property out. */
class BusyRulesTest {
    static final Set<String> ALICE = Set.of("alice@example.com");

    static VEvent event(boolean allDay, String transp, String status, String alicesAnswer, String extra) {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:e1\r\n"
                + "DTSTAMP:20261201T000000Z\r\n"
                + (allDay ? "DTSTART;VALUE=DATE:20261208\r\nDTEND;VALUE=DATE:20261209\r\n"
                        : "DTSTART:20261208T090000Z\r\nDTEND:20261208T100000Z\r\n")
                + ("-".equals(transp) ? "" : "TRANSP:" + transp + "\r\n")
                + ("-".equals(status) ? "" : "STATUS:" + status + "\r\n")
                + ("-".equals(alicesAnswer) ? "" : "ATTENDEE;PARTSTAT=" + alicesAnswer + ":mailto:Alice@Example.com\r\n")
                + extra + "END:VEVENT\r\nEND:VCALENDAR\r\n";
        try {
            List<VEvent> events = ICalendarReader.parse(ics).getComponents(Component.VEVENT);
            return events.get(0);
        } catch (ICalendarReader.Unreadable e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "all-day {0}, TRANSP {1}, STATUS {2}, Alice {3}, sync.all-day {4} -> busy {5}")
    @CsvSource(delimiter = '|', textBlock = """
            false | -           | -         | -        | RESPECT_TRANSP | true
            false | OPAQUE      | CONFIRMED | -        | RESPECT_TRANSP | true
            false | TRANSPARENT | -         | -        | RESPECT_TRANSP | false
            false | -           | CANCELLED | -        | RESPECT_TRANSP | false
            false | -           | TENTATIVE | -        | RESPECT_TRANSP | true
            false | -           | -         | DECLINED | RESPECT_TRANSP | false
            false | -           | -         | ACCEPTED | RESPECT_TRANSP | true
            false | -           | -         | -        | FREE           | true
            true  | -           | -         | -        | RESPECT_TRANSP | false
            true  | OPAQUE      | -         | -        | RESPECT_TRANSP | true
            true  | -           | -         | -        | BUSY           | true
            true  | TRANSPARENT | -         | -        | BUSY           | false
            true  | OPAQUE      | -         | -        | FREE           | false
            true  | OPAQUE      | CANCELLED | -        | BUSY           | false
            true  | OPAQUE      | -         | DECLINED | BUSY           | false
            """)
    void oneOccurrence(boolean allDay, String transp, String status, String alicesAnswer, AllDayPolicy policy,
            boolean busy) {
        VEvent e = event(allDay, transp, status, alicesAnswer, "");
        assertEquals(busy, new BusyRules(policy).busy(e, e, ALICE));
    }

    @ParameterizedTest(name = "occurrence TRANSP {0}, STATUS {1}; series TRANSP {2}, STATUS {3} -> busy {4}")
    @CsvSource(delimiter = '|', textBlock = """
            -           | -         | TRANSPARENT | -         | false
            OPAQUE      | -         | TRANSPARENT | -         | true
            -           | -         | -           | CANCELLED | false
            -           | CONFIRMED | -           | CANCELLED | true
            TRANSPARENT | -         | OPAQUE      | -         | false
            """)
    void anOccurrenceWithoutItsOwnPropertyTakesTheSeries(String transp, String status, String masterTransp,
            String masterStatus, boolean busy) {
        VEvent occurrence = event(false, transp, status, "-", "RECURRENCE-ID:20261208T090000Z\r\n");
        VEvent master = event(false, masterTransp, masterStatus, "-", "RRULE:FREQ=DAILY;COUNT=3\r\n");
        assertEquals(busy, new BusyRules(AllDayPolicy.RESPECT_TRANSP).busy(occurrence, master, ALICE));
    }

    @ParameterizedTest(name = "a declined invitation of {0} -> busy {1}")
    @CsvSource(delimiter = '|', textBlock = """
            alice@example.com | false
            bob@example.com   | true
            """)
    void onlyTheUsersOwnAnswerCounts(String address, boolean busy) {
        VEvent e = event(false, "-", "-", "DECLINED", "");
        assertEquals(busy, new BusyRules(AllDayPolicy.RESPECT_TRANSP).busy(e, e, Set.of(address)));
    }
}
