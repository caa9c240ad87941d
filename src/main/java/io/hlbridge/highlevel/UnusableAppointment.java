package io.hlbridge.highlevel;

/**
 * An appointment that can never be written as it is (it ends before it starts, has no times, a date that is not one,
 * a recurrence line iCalendar cannot hold): the same input always fails, so its work is parked instead of retried.
 * An {@link IllegalArgumentException} for the callers that check arguments; only this one parks work, so a fault of
 * another kind is retried.
 */
public class UnusableAppointment extends IllegalArgumentException {
    public UnusableAppointment(String message) {
        super(message);
    }

    public UnusableAppointment(String message, Throwable cause) {
        super(message, cause);
    }
}
