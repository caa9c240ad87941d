package io.hlbridge.caldav;

/** A CalDAV answer or failure the sync cannot go past; {@code status} is 0 when there was no HTTP answer. */
public class CalDavException extends Exception {
    private final int status;

    public CalDavException(int status, String message) {
        super(message);
        this.status = status;
    }

    public CalDavException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 401: the Apple ID refused the app password. Not worth retrying until the credentials change. */
    public static final class Unauthorized extends CalDavException {
        public Unauthorized(String message) {
            super(401, message);
        }
    }

    /** 412: the resource is not in the state the request assumed (If-Match / If-None-Match). */
    public static final class PreconditionFailed extends CalDavException {
        public PreconditionFailed(String message) {
            super(412, message);
        }
    }

    /** 429, 503, other 5xx, timeouts and refused connections: try again after {@code retryAfterMillis}. */
    public static final class RetryLater extends CalDavException {
        private final long retryAfterMillis;

        public RetryLater(int status, String message, long retryAfterMillis, Throwable cause) {
            super(status, message, cause);
            this.retryAfterMillis = retryAfterMillis;
        }

        /** Server-requested wait, already clamped; -1 when the server named none. */
        public long retryAfterMillis() {
            return retryAfterMillis;
        }
    }

    /** A calendar the bridge refuses to use (subscribed, task list, read-only, not found). */
    public static final class CalendarRefused extends CalDavException {
        public CalendarRefused(String message) {
            super(0, message);
        }
    }

    /** 403 {@code DAV:valid-sync-token}: the stored sync token is no longer accepted; a full resync is due. */
    public static final class SyncTokenInvalid extends CalDavException {
        public SyncTokenInvalid(String message) {
            super(403, message);
        }
    }

    /** The collection does not support REPORT sync-collection (400, 403, 405, 501); list it by etags instead. */
    public static final class SyncUnsupported extends CalDavException {
        public SyncUnsupported(int status, String message) {
            super(status, message);
        }
    }
}
