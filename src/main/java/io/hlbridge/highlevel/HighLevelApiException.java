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
}
