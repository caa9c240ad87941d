package io.hlbridge.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.hlbridge.config.AllDayPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Classes of wrong instants found against an independent expansion (dateutil) and RFC 5545, each on its own, in a zone
 * that observes DST and one that does not, with the JVM in a US and a German locale (a US locale starts weeks on
 * Sunday). Instants are compared as local times of the zone, which is what a person reads in their calendar.
 */
class RecurrenceClassesTest {
    static final Instant W0 = Instant.parse("2027-02-15T00:00:00Z");
    static final Instant W1 = Instant.parse("2027-04-30T00:00:00Z");
    static final Locale JVM = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(JVM);
    }

    static List<String> localStarts(String zone, String locale, String... events) throws Exception {
        Locale.setDefault(Locale.forLanguageTag(locale));
        ZoneId z = ZoneId.of(zone);
        String ics = BusyInstanceExpanderTest.cal(events).replace("{TZ}", zone);
        return new BusyInstanceExpander(AllDayPolicy.BUSY, 2000)
                .expand(ICalendarReader.parse(ics), W0, W1, z, Set.of("alice@example.com")).stream()
                .map(i -> i.start().atZone(z).toLocalDateTime().toString() + "/"
                        + i.end().atZone(z).toLocalDateTime().toString()).toList();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"Europe/Berlin, en-US", "Europe/Berlin, de-DE", "Asia/Tokyo, en-US", "Asia/Tokyo, de-DE"})
    void anAllDayExdateRemovesItsDay(String zone, String locale) throws Exception { // class 10
        assertEquals(List.of("2027-03-01T00:00/2027-03-02T00:00", "2027-03-02T00:00/2027-03-03T00:00",
                "2027-03-04T00:00/2027-03-05T00:00", "2027-03-05T00:00/2027-03-06T00:00"), localStarts(zone, locale, """
                UID:exdate-all-day
                DTSTART;VALUE=DATE:20270301
                DTEND;VALUE=DATE:20270302
                RRULE:FREQ=DAILY;COUNT=5
                EXDATE;VALUE=DATE:20270303
                """));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"Europe/Berlin, en-US", "Europe/Berlin, de-DE", "Asia/Tokyo, en-US", "Asia/Tokyo, de-DE"})
    void anAllDayThisAndFutureOverrideMovesTheRestOfTheSeries(String zone, String locale) throws Exception { // 11
        assertEquals(List.of("2027-03-01T00:00/2027-03-02T00:00", "2027-03-02T00:00/2027-03-03T00:00",
                "2027-03-04T00:00/2027-03-06T00:00", "2027-03-05T00:00/2027-03-07T00:00",
                "2027-03-06T00:00/2027-03-08T00:00"), localStarts(zone, locale, """
                UID:range-all-day
                DTSTART;VALUE=DATE:20270301
                DTEND;VALUE=DATE:20270302
                RRULE:FREQ=DAILY;COUNT=5
                """, """
                UID:range-all-day
                RECURRENCE-ID;VALUE=DATE;RANGE=THISANDFUTURE:20270303
                DTSTART;VALUE=DATE:20270304
                DTEND;VALUE=DATE:20270306
                """));
    }

    /** Outlook writes Windows zone names, defined only by the file's own VTIMEZONE (here: Berlin's rules). */
    static final String WINDOWS_ZONE = """
            BEGIN:VTIMEZONE
            TZID:W. Europe Standard Time
            BEGIN:STANDARD
            DTSTART:16011028T030000
            RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:16010325T020000
            RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            END:DAYLIGHT
            END:VTIMEZONE
            """;

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"Europe/Berlin, en-US", "Europe/Berlin, de-DE", "Asia/Tokyo, en-US", "Asia/Tokyo, de-DE"})
    void anRdatePeriodTakesItsZoneAsItsSiblingsDo(String zone, String locale) throws Exception { // class 14
        Locale.setDefault(Locale.forLanguageTag(locale));
        String ics = BusyInstanceExpanderTest.cal("""
                UID:rdate-period
                DTSTART;TZID=W. Europe Standard Time:20270301T090000
                DTEND;TZID=W. Europe Standard Time:20270301T100000
                RRULE:FREQ=WEEKLY;COUNT=1
                RDATE;VALUE=PERIOD;TZID=W. Europe Standard Time:20270310T090000/20270310T103000,20270329T090000/PT1H
                """).replace("PRODID:-//Apple Inc.//macOS 15.1//EN\r\n", "PRODID:-//Microsoft Corporation//Outlook 16.0//EN\r\n"
                + WINDOWS_ZONE.replace("\n", "\r\n"));
        List<String> got = new BusyInstanceExpander(AllDayPolicy.BUSY, 2000).expand(ICalendarReader.parse(ics), W0, W1,
                ZoneId.of(zone), Set.of("alice@example.com")).stream().map(i -> i.start() + "/" + i.end()).toList();
        // in Berlin's time, whatever the user's zone: +01:00 in early March, +02:00 after the 28th
        assertEquals(List.of("2027-03-01T08:00:00Z/2027-03-01T09:00:00Z", "2027-03-10T08:00:00Z/2027-03-10T09:30:00Z",
                "2027-03-29T07:00:00Z/2027-03-29T08:00:00Z"), got);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"Europe/Berlin, en-US", "Europe/Berlin, de-DE", "Asia/Tokyo, en-US", "Asia/Tokyo, de-DE"})
    void withoutWkstWeeksStartOnMonday(String zone, String locale) throws Exception { // class 12
        // RFC 5545 §3.3.10: WKST defaults to MO. Every other week, Monday and Sunday, from Monday 1 March 2027.
        assertEquals(List.of("2027-03-01T09:00/2027-03-01T10:00", "2027-03-07T09:00/2027-03-07T10:00",
                "2027-03-15T09:00/2027-03-15T10:00", "2027-03-21T09:00/2027-03-21T10:00",
                "2027-03-29T09:00/2027-03-29T10:00"), localStarts(zone, locale, """
                UID:wkst
                DTSTART;TZID={TZ}:20270301T090000
                DTEND;TZID={TZ}:20270301T100000
                RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=5
                """));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"Europe/Berlin, en-US", "Europe/Berlin, de-DE", "Asia/Tokyo, en-US", "Asia/Tokyo, de-DE"})
    void weeklyByMonthFiltersDaysNotWeeks(String zone, String locale) throws Exception { // class 13
        // weekdays of March only: the week of Monday 29 March ends in April, whose days are not instances; COUNT=4
        // finds its fourth in March 2028, outside the window
        assertEquals(List.of("2027-03-29T09:00/2027-03-29T10:00", "2027-03-30T09:00/2027-03-30T10:00",
                "2027-03-31T09:00/2027-03-31T10:00"), localStarts(zone, locale, """
                UID:bymonth
                DTSTART;TZID={TZ}:20270329T090000
                DTEND;TZID={TZ}:20270329T100000
                RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYMONTH=3;COUNT=4
                """));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"Europe/Berlin, en-US", "Europe/Berlin, de-DE", "Asia/Tokyo, en-US", "Asia/Tokyo, de-DE"})
    void onlyTheNonexistentLocalTimeIsShifted(String zone, String locale) throws Exception { // class 15
        // Sunday 28 March 2027 02:30 does not exist in Berlin (02:00 -> 03:00): that one instance is 03:30 (RFC 5545
        // §3.3.5), Monday and Tuesday of the same week keep 02:30; Tokyo has no gap
        String sunday = zone.equals("Europe/Berlin") ? "2027-03-28T03:30/2027-03-28T04:00"
                : "2027-03-28T02:30/2027-03-28T03:00";
        assertEquals(List.of("2027-03-21T02:30/2027-03-21T03:00", "2027-03-22T02:30/2027-03-22T03:00",
                "2027-03-23T02:30/2027-03-23T03:00", sunday, "2027-03-29T02:30/2027-03-29T03:00",
                "2027-03-30T02:30/2027-03-30T03:00"), localStarts(zone, locale, """
                UID:gap
                DTSTART;TZID={TZ}:20270321T023000
                DTEND;TZID={TZ}:20270321T030000
                RRULE:FREQ=WEEKLY;BYDAY=SU,MO,TU;COUNT=6
                """));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"Europe/Berlin, en-US", "Europe/Berlin, de-DE", "Asia/Tokyo, en-US", "Asia/Tokyo, de-DE"})
    void aStartInAGapShiftsOnlyItself(String zone, String locale) throws Exception { // class 15, second half
        // DTSTART 02:30 on Sunday 28 March 2027 does not exist in Berlin: that instance is 03:30, the rule still
        // generates 02:30 for the days after it (dateutil and python-recurring-ical-events agree), also for a series
        // started from a later period (the long DAILY one, whose window starts weeks after its DTSTART)
        String first = zone.equals("Europe/Berlin") ? "2027-03-28T03:30/2027-03-28T04:00"
                : "2027-03-28T02:30/2027-03-28T03:00";
        assertEquals(List.of(first, "2027-03-29T02:30/2027-03-29T03:00", "2027-03-30T02:30/2027-03-30T03:00",
                "2027-04-04T02:30/2027-04-04T03:00"), localStarts(zone, locale, """
                UID:start-in-gap
                DTSTART;TZID={TZ}:20270328T023000
                DTEND;TZID={TZ}:20270328T030000
                RRULE:FREQ=WEEKLY;BYDAY=SU,MO,TU;COUNT=4
                """));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"Europe/Berlin, en-US", "Europe/Berlin, de-DE"})
    void aLongSeriesStartedInAGapKeepsItsNominalTime(String zone, String locale) throws Exception { // class 15
        // started on the gap day of 2026, expanded from a period just before the window: still 02:30 every day
        List<String> starts = localStarts(zone, locale, """
                UID:long-start-in-gap
                DTSTART;TZID={TZ}:20260329T023000
                DTEND;TZID={TZ}:20260329T030000
                RRULE:FREQ=DAILY
                """);
        assertEquals("2027-02-15T02:30/2027-02-15T03:00", starts.get(0));
        assertEquals("2027-03-28T03:30/2027-03-28T04:00", starts.get(41)); // 2027's gap day shifts only itself
        assertEquals("2027-03-29T02:30/2027-03-29T03:00", starts.get(42));
    }
}
