package io.hlbridge.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hlbridge.appointments.CalendarWriteDecision.Action;
import io.hlbridge.store.EventLink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CalendarWriteDecision}, one row of its table per case. */
class CalendarWriteDecisionTest {
    static final String LINKED = "https://p01.caldav.icloud.com/1/calendars/work/";

    @ParameterizedTest(name = "wanted={0} link={1} link updated={2} now updated={3} calendar={4} hash={5} -> {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            false | false | -    | -    | -     | -    | NONE
            false | true  | 1000 | 2000 | -     | -    | DELETE
            true  | false | -    | 2000 | work  | h1   | CREATE
            true  | true  | 3000 | 2000 | work  | h1   | STALE
            true  | true  | 1000 | 2000 | other | h1   | MOVE
            true  | true  | 1000 | 2000 | work  | h1   | KEEP
            true  | true  | 1000 | 2000 | work  | h2   | UPDATE
            true  | true  | 2000 | 2000 | work  | h2   | UPDATE
            true  | true  | -    | 2000 | work  | h2   | UPDATE
            true  | true  | 3000 | -    | work  | h2   | UPDATE
            """)
    void decides(boolean wanted, boolean linked, Long linkUpdated, Long updated, String calendar, String hash,
            Action expected) {
        EventLink link = linked ? new EventLink("A1", "alice", LINKED, LINKED + "hl-A1.ics", "uid", "\"e1\"", "h1",
                EventLink.ORIGIN_HIGHLEVEL, linkUpdated, 0) : null;
        String url = calendar == null ? null : calendar.equals("work") ? LINKED : LINKED.replace("work", calendar);
        assertEquals(expected, CalendarWriteDecision.decide(wanted, link, updated, url, hash));
    }
}
