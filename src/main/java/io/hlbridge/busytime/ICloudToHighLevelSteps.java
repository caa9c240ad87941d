package io.hlbridge.busytime;

import java.util.List;

import io.hlbridge.runtime.RouteContract;

/**
 * The step names of iCloud → HighLevel (routes/icloud-to-highlevel.camel.yaml, poll-apple-id.camel.yaml and
 * poll-calendar.camel.yaml), each declared once: the wiring binds under them, the route contracts require them, and
 * the processors' messages name them.
 */
public final class ICloudToHighLevelSteps {
    public static final String DUE_POLLS = "dueCalendarPolls";
    public static final String POLLABLE_CALENDARS = "pollableCalendars";
    public static final String DETECT_CHANGES = "detectCalendarChanges";
    public static final String FETCH_CHANGED = "fetchChangedEvents";
    public static final String PLAN_SLOTS = "planBlockedSlots";
    public static final String GUARD_BULK_DELETIONS = "guardBulkDeletions";
    public static final String MOVE_EDITED_APPOINTMENTS = "moveEditedAppointments";
    public static final String WRITE_SLOTS = "writeBlockedSlots";
    public static final String COMMIT = "commitCalendarPoll";
    /** The bean the error clauses' {@code onWhen} asks. */
    public static final String POLL_FAILURE = "pollFailure";
    public static final String RECORD_FAILED_POLL = "recordFailedPoll";
    public static final String HOLD_FOR_CREDENTIALS = "holdPollsForCredentials";

    public static final List<RouteContract> CONTRACTS = List.of(
            new RouteContract("icloud-to-highlevel", List.of(DUE_POLLS), "the connections due are grouped by Apple ID"),
            new RouteContract("poll-apple-id", List.of(POLLABLE_CALENDARS),
                    "each connection's calendars are found before they are polled"),
            new RouteContract("poll-calendar", List.of(DETECT_CHANGES, FETCH_CHANGED, PLAN_SLOTS, GUARD_BULK_DELETIONS,
                    WRITE_SLOTS, COMMIT), List.of(RECORD_FAILED_POLL, HOLD_FOR_CREDENTIALS),
                    "a poll's writes are planned from what changed, made, then committed with the new sync token"));

    private ICloudToHighLevelSteps() {
    }
}
