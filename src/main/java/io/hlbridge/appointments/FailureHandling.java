package io.hlbridge.appointments;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.highlevel.UnusableAppointment;

/**
 * What becomes of inbox work whose sync failed, by what failed. Route highlevel-to-icloud has one error clause per
 * outcome, each selected by one of the predicates below ({@code onWhen}); the rows, first match wins:
 *
 * <pre>
 * failure                                                   outcome
 * CalendarServerBackoff.Waiting (a slow or failing server)  POSTPONE until its time, no attempt counted
 * HighLevelApiException.Paused (a 429 paused the location)  POSTPONE until its time, no attempt counted
 * CalDavException.Unauthorized (app password refused)       HOLD_FOR_CREDENTIALS: an attempt, due after the delay
 * UnusableAppointment (cannot be written as it is)          PARK as FAILED now
 * HighLevelApiException 400 or 422 (our request refused)    PARK as FAILED now
 * anything else (a timeout, a 5xx, a garbled answer)        RETRY with backoff; FAILED after the last attempt
 * </pre>
 */
public final class FailureHandling {
    /** The outcomes, one error clause each. */
    public enum Outcome { POSTPONE, HOLD_FOR_CREDENTIALS, PARK, RETRY }

    /** The row {@code e} falls under. */
    public static Outcome of(Throwable e) {
        if (e instanceof CalendarServerBackoff.Waiting || e instanceof HighLevelApiException.Paused) {
            return Outcome.POSTPONE;
        }
        if (e instanceof CalDavException.Unauthorized) {
            return Outcome.HOLD_FOR_CREDENTIALS;
        }
        if (e instanceof UnusableAppointment
                || e instanceof HighLevelApiException h && (h.status() == 400 || h.status() == 422)) {
            return Outcome.PARK;
        }
        return Outcome.RETRY;
    }

    /** When a postponed failure is due again (epoch millis); 0 for the other outcomes. */
    static long postponedUntil(Throwable e) {
        return e instanceof CalendarServerBackoff.Waiting w ? w.untilMillis()
                : e instanceof HighLevelApiException.Paused p ? p.untilMillis() : 0;
    }

    public boolean postpones(Exception e) {
        return of(e) == Outcome.POSTPONE;
    }

    public boolean holdsForCredentials(Exception e) {
        return of(e) == Outcome.HOLD_FOR_CREDENTIALS;
    }

    public boolean parks(Exception e) {
        return of(e) == Outcome.PARK;
    }

    public boolean retries(Exception e) {
        return of(e) == Outcome.RETRY;
    }
}
