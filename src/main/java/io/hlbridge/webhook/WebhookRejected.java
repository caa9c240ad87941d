package io.hlbridge.webhook;

/** A webhook we answer with {@code status} and a one-line {@code reason}; nothing of it is stored. */
public class WebhookRejected extends Exception {
    private final int status;

    public WebhookRejected(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
