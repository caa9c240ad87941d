package io.hlbridge.oauth;

import java.util.Locale;

/** A token endpoint answered with an error; {@link #kind()} says what the bridge does about it. */
public final class TokenRefused extends Exception {

    /** What an error means for the installation. */
    public enum Kind {
        /** {@code invalid_grant}: the refresh token (or code) is spent, expired or revoked; it never works again. */
        INVALID_GRANT,
        /** The location is not active (suspended sub-account): back off, keep the token. */
        LOCATION_NOT_ACTIVE,
        /** Anything else (5xx, a timeout, a garbled answer): tried again later with the same token. */
        TRANSIENT
    }

    private final int status;
    private final Kind kind;

    public TokenRefused(int status, String message) {
        super(message);
        this.status = status;
        this.kind = classify(status, message);
    }

    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }

    static Kind classify(int status, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("not active")) {
            return Kind.LOCATION_NOT_ACTIVE;
        }
        if ((status == 400 || status == 401) && (m.contains("invalid_grant") || m.contains("invalid grant"))) {
            return Kind.INVALID_GRANT;
        }
        return Kind.TRANSIENT;
    }
}
