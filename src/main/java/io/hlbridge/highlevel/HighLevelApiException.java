package io.hlbridge.highlevel;

/** A HighLevel API answer that was not a success, with HighLevel's own message. */
public class HighLevelApiException extends Exception {
    private final int status;

    public HighLevelApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The location's budget is paused (a 429, with HighLevel's {@code Retry-After}) for longer than a worker should
     * wait: the work is postponed to {@link #untilMillis()} instead of holding a thread.
     */
    public static class Paused extends HighLevelApiException {
        private final long untilMillis;

        public Paused(String message, long untilMillis) {
            this(429, message, untilMillis);
        }

        protected Paused(int status, String message, long untilMillis) {
            super(status, message);
            this.untilMillis = untilMillis;
        }

        public long untilMillis() {
            return untilMillis;
        }
    }

    /**
     * The location has no usable Marketplace installation (not installed, uninstalled, or its refresh token refused):
     * no request was sent, and the work waits until an admin installs the app again.
     */
    public static final class NotAuthorized extends Paused {
        public NotAuthorized(String message, long untilMillis) {
            super(401, message, untilMillis);
        }
    }
}
