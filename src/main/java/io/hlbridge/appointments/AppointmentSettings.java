package io.hlbridge.appointments;

import java.util.List;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;

/** {@code sync.calendar-types}: the calendar types whose appointments go to iCloud (R3); {@code sync.concurrency}. */
public record AppointmentSettings(List<String> calendarTypes, int concurrency) {

    public static AppointmentSettings from(Settings s) {
        return new AppointmentSettings(s.get(BridgeOptions.CALENDAR_TYPES_SYNCED), s.get(BridgeOptions.CONCURRENCY));
    }
}
