package io.hlbridge.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.hlbridge.config.AllDayPolicy;
import org.junit.jupiter.api.Test;

/** The calendar cases peer tools get wrong (docs/design.md §3.3), each as a calendar app writes it. */
class BusyInstanceExpanderTest {
    static final Instant W0 = Instant.parse("2027-03-01T00:00:00Z");
    static final Instant W1 = Instant.parse("2027-04-01T00:00:00Z");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    BusyInstanceExpander expander = new BusyInstanceExpander(AllDayPolicy.RESPECT_TRANSP, 2000);

    static String cal(String... events) {
        StringBuilder b = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\n");
        for (String e : events) {
            b.append("BEGIN:VEVENT\r\nDTSTAMP:20270101T000000Z\r\n").append(e.replace("\n", "\r\n")).append("END:VEVENT\r\n");
        }
        return b.append("END:VCALENDAR\r\n").toString();
    }

    List<String> busy(String ics, ZoneId zone) throws Exception {
        return expander.expand(ICalendarReader.parse(ics), W0, W1, zone, Set.of("alice@example.com")).stream()
                .map(i -> i.start() + "/" + i.end()).toList();
    }

    @Test
    void timedEventInItsOwnZone() throws Exception {
        assertEquals(List.of("2027-03-02T14:00:00Z/2027-03-02T15:00:00Z"), busy(cal("""
                UID:a
                DTSTART;TZID=America/New_York:20270302T090000
                DTEND;TZID=America/New_York:20270302T100000
                SUMMARY:Dentist
                """), NEW_YORK));
    }

    @Test
    void allDayDatesInTheUsersZoneAndOnlyWhenOpaque() throws Exception {
        String opaque = cal("UID:b\nDTSTART;VALUE=DATE:20270310\nDTEND;VALUE=DATE:20270311\nTRANSP:OPAQUE\n");
        assertEquals(List.of("2027-03-09T14:00:00Z/2027-03-10T14:00:00Z"), busy(opaque, ZoneId.of("Australia/Brisbane")));
        assertEquals(List.of("2027-03-10T08:00:00Z/2027-03-11T08:00:00Z"), busy(opaque, ZoneId.of("Etc/GMT+8")));
        String appleDefault = cal("UID:c\nDTSTART;VALUE=DATE:20270310\nDTEND;VALUE=DATE:20270311\n");
        assertEquals(List.of(), busy(appleDefault, NEW_YORK));
        expander = new BusyInstanceExpander(AllDayPolicy.BUSY, 2000);
        assertEquals(1, busy(appleDefault, NEW_YORK).size());
    }

    @Test
    void rdatesAddInstancesBesideTheRuleAndAnExdateRemovesOne() throws Exception {
        List<String> got = busy(cal("""
                UID:r
                DTSTART;TZID=America/New_York:20270301T080000
                DTEND;TZID=America/New_York:20270301T083000
                RRULE:FREQ=WEEKLY;COUNT=3
                RDATE;TZID=America/New_York:20270317T130000,20270324T130000
                RDATE;VALUE=PERIOD:20270330T120000Z/PT2H
                EXDATE;TZID=America/New_York:20270324T130000
                """), NEW_YORK);
        // Mondays 1, 8 (EST) and 15 (EDT) from the rule; Wednesday 17th from RDATE with the series' duration, the
        // 24th taken away again by EXDATE; an RDATE period keeps its own length.
        assertEquals(List.of("2027-03-01T13:00:00Z/2027-03-01T13:30:00Z", "2027-03-08T13:00:00Z/2027-03-08T13:30:00Z",
                "2027-03-15T12:00:00Z/2027-03-15T12:30:00Z", "2027-03-17T17:00:00Z/2027-03-17T17:30:00Z",
                "2027-03-30T12:00:00Z/2027-03-30T14:00:00Z"), got);
    }

    @Test
    void multiDayEventIsOneSlot() throws Exception {
        assertEquals(List.of("2027-03-03T17:00:00Z/2027-03-05T21:00:00Z"), busy(cal("""
                UID:d
                DTSTART;TZID=America/New_York:20270303T120000
                DTEND;TZID=America/New_York:20270305T160000
                """), NEW_YORK));
    }

    @Test
    void weeklySeriesWithExdateAndMovedInstance() throws Exception {
        List<String> got = busy(cal("""
                UID:e
                DTSTART;TZID=America/New_York:20270101T100000
                DTEND;TZID=America/New_York:20270101T110000
                RRULE:FREQ=WEEKLY
                EXDATE;TZID=America/New_York:20270312T100000
                """, """
                UID:e
                RECURRENCE-ID;TZID=America/New_York:20270319T100000
                DTSTART;TZID=America/New_York:20270320T150000
                DTEND;TZID=America/New_York:20270320T160000
                """), NEW_YORK);
        // Fridays in March 2027: 5, 12 (excluded), 19 (moved to Saturday 20th), 26. DST starts on the 14th.
        assertEquals(List.of("2027-03-05T15:00:00Z/2027-03-05T16:00:00Z", "2027-03-20T19:00:00Z/2027-03-20T20:00:00Z",
                "2027-03-26T14:00:00Z/2027-03-26T15:00:00Z"), got);
    }

    @Test
    void dailySeriesKeepsWallClockAcrossDst() throws Exception {
        List<String> got = busy(cal("""
                UID:f
                DTSTART;TZID=America/New_York:20200101T090000
                DTEND;TZID=America/New_York:20200101T093000
                RRULE:FREQ=DAILY;UNTIL=20270315T235959Z
                """), NEW_YORK);
        assertEquals(15, got.size(), got.toString());
        assertEquals("2027-03-13T14:00:00Z/2027-03-13T14:30:00Z", got.get(12));
        assertEquals("2027-03-14T13:00:00Z/2027-03-14T13:30:00Z", got.get(13));
    }

    @Test
    void thisAndFutureOverrideShiftsLaterInstances() throws Exception {
        List<String> got = busy(cal("""
                UID:g
                DTSTART;TZID=America/New_York:20270301T100000
                DTEND;TZID=America/New_York:20270301T110000
                RRULE:FREQ=WEEKLY;COUNT=4
                """, """
                UID:g
                RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20270315T100000
                DTSTART;TZID=America/New_York:20270315T130000
                DTEND;TZID=America/New_York:20270315T133000
                """), NEW_YORK);
        assertEquals(List.of("2027-03-01T15:00:00Z/2027-03-01T16:00:00Z", "2027-03-08T15:00:00Z/2027-03-08T16:00:00Z",
                "2027-03-15T17:00:00Z/2027-03-15T17:30:00Z", "2027-03-22T17:00:00Z/2027-03-22T17:30:00Z"), got);
    }

    @Test
    void freeTimeIsNotBusy() throws Exception {
        assertEquals(List.of(), busy(cal("UID:h\nDTSTART:20270302T090000Z\nDTEND:20270302T100000Z\nTRANSP:TRANSPARENT\n"),
                NEW_YORK));
        assertEquals(List.of(), busy(cal("UID:i\nDTSTART:20270302T090000Z\nDTEND:20270302T100000Z\nSTATUS:CANCELLED\n"),
                NEW_YORK));
        assertEquals(List.of(), busy(cal("""
                UID:j
                DTSTART:20270302T090000Z
                DTEND:20270302T100000Z
                ORGANIZER:mailto:boss@example.com
                ATTENDEE;PARTSTAT=DECLINED:mailto:Alice@Example.com
                """), NEW_YORK));
        // a cancelled occurrence of a busy series is free, the others stay busy
        assertEquals(2, busy(cal("""
                UID:k
                DTSTART:20270302T090000Z
                DTEND:20270302T100000Z
                RRULE:FREQ=DAILY;COUNT=3
                """, """
                UID:k
                RECURRENCE-ID:20270303T090000Z
                DTSTART:20270303T090000Z
                DTEND:20270303T100000Z
                STATUS:CANCELLED
                """), NEW_YORK).size());
    }

    @Test
    void floatingTimeIsInTheUsersZoneAndOutOfWindowIsNothing() throws Exception {
        assertEquals(List.of("2027-03-02T14:00:00Z/2027-03-02T15:00:00Z"),
                busy(cal("UID:l\nDTSTART:20270302T090000\nDTEND:20270302T100000\n"), NEW_YORK));
        assertEquals(List.of(), busy(cal("UID:m\nDTSTART:20270502T090000Z\nDTEND:20270502T100000Z\n"), NEW_YORK));
    }

    @Test
    void unreadableDataIsReportedWithTheReason() {
        ICalendarReader.Unreadable e = assertThrows(ICalendarReader.Unreadable.class,
                () -> ICalendarReader.parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\n"));
        assertEquals(false, e.getMessage().isBlank());
    }

    // ---- the cases a peer's corpus caught, and hostile series -------------------------------------------------

    @Test
    void rdatesWithoutARuleKeepTheDtstartInstance() throws Exception {
        assertEquals(List.of("2027-03-02T14:00:00Z/2027-03-02T15:00:00Z", "2027-03-05T14:00:00Z/2027-03-05T15:00:00Z"),
                busy(cal("""
                        UID:rd
                        DTSTART;TZID=America/New_York:20270302T090000
                        DTEND;TZID=America/New_York:20270302T100000
                        RDATE;TZID=America/New_York:20270305T090000
                        """), NEW_YORK));
    }

    @Test
    void anRdatePeriodIsPlacedInItsOwnTimeZone() throws Exception {
        List<String> got = busy(cal("""
                UID:rp
                DTSTART;TZID=America/New_York:20270302T090000
                DTEND;TZID=America/New_York:20270302T100000
                RDATE;VALUE=PERIOD;TZID=Europe/Paris:20270310T100000/PT2H
                """), NEW_YORK);
        assertEquals(List.of("2027-03-02T14:00:00Z/2027-03-02T15:00:00Z", "2027-03-10T09:00:00Z/2027-03-10T11:00:00Z"),
                got, "10:00 in Paris, not in New York");
    }

    @Test
    void twoRulesInOneEventMakeTheirUnion() throws Exception {
        assertEquals(List.of("2027-03-02T14:00:00Z/2027-03-02T15:00:00Z", "2027-03-04T14:00:00Z/2027-03-04T15:00:00Z",
                "2027-03-09T14:00:00Z/2027-03-09T15:00:00Z", "2027-03-11T14:00:00Z/2027-03-11T15:00:00Z"), busy(cal("""
                        UID:two
                        DTSTART;TZID=America/New_York:20270302T090000
                        DTEND;TZID=America/New_York:20270302T100000
                        RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2
                        RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=2
                        """), NEW_YORK));
    }

    @Test
    void anEventThatEndsBeforeItStartsIsNoBusyTime() throws Exception {
        assertEquals(List.of(), busy(cal("UID:neg\nDTSTART:20270302T100000Z\nDTEND:20270302T090000Z\n"), NEW_YORK));
    }

    @Test
    void aBrokenAlarmOrAnEmptyRuleLosesNoBusyTime() throws Exception {
        assertEquals(List.of("2027-03-02T14:00:00Z/2027-03-02T15:00:00Z"), busy(cal("""
                UID:alarm
                DTSTART:20270302T140000Z
                DTEND:20270302T150000Z
                BEGIN:VALARM
                ACTION:DISPLAY
                TRIGGER;VALUE=TIME:not-a-time
                DESCRIPTION:Reminder
                END:VALARM
                BEGIN:VALARM
                ACTION:DISPLAY
                TRIGGER;RELATED=SOMEWHERE:-PT15M
                END:VALARM
                """), NEW_YORK), "the broken alarms go, the event stays");
        assertEquals(List.of("2027-03-03T14:00:00Z/2027-03-03T15:00:00Z"), busy(cal("""
                UID:empty-rule
                DTSTART:20270303T140000Z
                DTEND:20270303T150000Z
                RRULE:
                """), NEW_YORK), "an empty RRULE line goes, DTSTART stays");
    }

    @Test
    void aSeriesThatMakesTooManyInstancesIsRefusedBeforeItIsExpanded() {
        for (String series : List.of("19700101T000000Z\nRRULE:FREQ=MINUTELY", "19700101T000000Z\nRRULE:FREQ=SECONDLY",
                "20270301T000000Z\nRRULE:FREQ=SECONDLY;COUNT=10000000",
                "20270215T000000Z\nRRULE:FREQ=MINUTELY;INTERVAL=1;COUNT=5000000",
                "20270301T000000Z\nRRULE:FREQ=HOURLY;BYMINUTE=0,1,2,3,4,5,6,7,8,9;COUNT=500000")) {
            String ics = cal("UID:hostile\nDTEND:19700101T000001Z\nDTSTART:" + series + "\n");
            RuntimeException e = assertThrows(RuntimeException.class, () -> busy(ics, NEW_YORK), series);
            assertTrue(e.getMessage().contains("sync.max-occurrences-per-event=2000"), series + ": " + e.getMessage());
        }
    }

    /** COUNT is counted from DTSTART: a long series that ended before the window is no busy time, and costs nothing. */
    @Test
    void aCountedSeriesIsCountedFromItsStartWithoutIteratingItsPast() throws Exception {
        assertEquals(List.of(), busy(cal("""
                UID:ten-million-in-1970
                DTSTART:19700101T000000Z
                DTEND:19700101T000001Z
                RRULE:FREQ=SECONDLY;COUNT=10000000
                """), NEW_YORK), "its last instance is in April 1970");
        List<String> got = busy(cal("""
                UID:five-thousand-days
                DTSTART;TZID=America/New_York:20150101T090000
                DTEND;TZID=America/New_York:20150101T091500
                RRULE:FREQ=DAILY;COUNT=5000
                """), NEW_YORK);
        assertEquals(31, got.size(), "5000 days from 2015 reach September 2028: every day of March 2027");
        assertEquals("2027-03-31T13:00:00Z/2027-03-31T13:15:00Z", got.get(30), "09:00 EDT");
        assertEquals(List.of("2027-03-01T14:00:00Z/2027-03-01T14:15:00Z"), busy(cal("""
                UID:ends-on-time
                DTSTART;TZID=America/New_York:20150101T090000
                DTEND;TZID=America/New_York:20150101T091500
                RRULE:FREQ=DAILY;COUNT=4443
                """), NEW_YORK), "the 4443rd day is 2027-03-01: the last instance, and the only one in the window");
    }

    @Test
    void aDailySeriesFrom1970IsExpandedFromItsLastPeriodInItsOwnZone() throws Exception {
        List<String> got = busy(cal("""
                UID:since-1970
                DTSTART;TZID=America/New_York:19700101T090000
                DTEND;TZID=America/New_York:19700101T093000
                RRULE:FREQ=DAILY
                """), NEW_YORK);
        assertEquals(31, got.size(), "every day of March 2027");
        assertEquals("2027-03-01T14:00:00Z/2027-03-01T14:30:00Z", got.get(0), "09:00 EST");
        assertEquals("2027-03-31T13:00:00Z/2027-03-31T13:30:00Z", got.get(30), "09:00 EDT after the change");
    }
}
