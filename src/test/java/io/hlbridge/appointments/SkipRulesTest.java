package io.hlbridge.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SkipRules}, row by row. An empty reason means the appointment goes on. */
class SkipRulesTest {

    private static String reason(Optional<SkipRules.Skip> skip) {
        return skip.map(SkipRules.Skip::reason).orElse("");
    }

    @ParameterizedTest(name = "{0} id={1} contact={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            AppointmentCreate | A1 | C1 | -
            AppointmentUpdate | A1 | C1 | -
            AppointmentDelete | A1 | C1 | -
            ContactCreate     | A1 | C1 | not-appointment
            AppointmentCreate | '' | C1 | not-appointment
            AppointmentCreate | A1 | '' | blocked-slot
            """)
    void notAnAppointment(String type, String id, String contact, String expected) {
        assertEquals(expected == null ? "" : expected, reason(SkipRules.notAnAppointment(type, id, contact)));
    }

    @ParameterizedTest(name = "calendar {0} of type {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            CAL1 | round_robin     | -
            CAL1 | collective      | -
            CAL1 | class_booking   | -
            CAL1 | service_booking | -
            CAL1 | event           | calendar-type:event
            CAL1 | personal        | calendar-type:personal
            ''   | ''              | no-calendar
            """)
    void calendarType(String calendar, String type, String expected) {
        assertEquals(expected == null ? "" : expected, reason(SkipRules.calendarType(calendar, type,
                List.of("round_robin", "collective", "class_booking", "service_booking"))));
    }

    @ParameterizedTest(name = "connected={0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            true  | -
            false | no-connection
            """)
    void noConnection(boolean connected, String expected) {
        assertEquals(expected == null ? "" : expected, reason(SkipRules.noConnection(connected, "L1")));
    }

    @ParameterizedTest(name = "our slot={0}, imported from={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            false | -              | -
            true  | -              | echo
            false | /cal/event.ics | echo
            true  | /cal/event.ics | echo
            """)
    void echo(boolean ourSlot, String importedFrom, String expected) {
        assertEquals(expected == null ? "" : expected, reason(SkipRules.echo(ourSlot, Optional.ofNullable(importedFrom))));
    }

    @ParameterizedTest(name = "deleted={0}, a connected owner or copy={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            false | true  | -
            true  | false | -
            true  | true  | -
            false | false | no-connected-owner
            """)
    void noConnectedOwner(boolean deleted, boolean anyTarget, String expected) {
        assertEquals(expected == null ? "" : expected, reason(SkipRules.noConnectedOwner(deleted, anyTarget,
                List.of("U9"))));
    }
}
