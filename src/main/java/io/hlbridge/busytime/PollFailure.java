package io.hlbridge.busytime;

import java.net.SocketTimeoutException;

import io.hlbridge.caldav.CalDavException;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.http.HttpTransport;

/**
 * The reason a poll failed, as the {@code bridge_polls_failures_total} metric tags it. The first cause that
 * matches wins:
 *
 * <pre>
 * CalDAV 401                        → credentials
 * a calendar refused or not found   → calendar
 * timed out (CalDAV or HighLevel)   → timeout
 * answer over *.max-answer-size     → too-large
 * CalDAV 5xx, 429, cannot connect   → server
 * other CalDAV answers              → caldav
 * HighLevel refused or failed       → highlevel
 * anything else                     → other
 * </pre>
 *
 * The first row is also what chooses poll-failure's clause: {@link #refusesCredentials} holds the connection's polls,
 * everything else is tried again at the next poll.
 */
public final class PollFailure {
    public boolean refusesCredentials(Exception e) {
        return "credentials".equals(reason(e));
    }

    public boolean retriesAtNextPoll(Exception e) {
        return !refusesCredentials(e);
    }

    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CalDavException.Unauthorized) {
                return "credentials";
            }
            if (t instanceof CalDavException.CalendarRefused) {
                return "calendar";
            }
            if (t instanceof SocketTimeoutException) {
                return "timeout";
            }
            if (t instanceof HttpTransport.AnswerTooLarge) {
                return "too-large";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CalDavException.RetryLater) {
                return "server";
            }
            if (t instanceof CalDavException) {
                return "caldav";
            }
            if (t instanceof HighLevelApiException) {
                return "highlevel";
            }
        }
        return "other";
    }
}
