package io.hlbridge.connections;

/**
 * An admin request the bridge refuses, and why: the HTTP status it is answered with, the request field at fault
 * (null when none is), and a reason a person can act on. Nothing was changed.
 */
public class AdminRefusal extends Exception {
    private final int status;
    private final String field;

    public AdminRefusal(int status, String field, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static AdminRefusal badField(String field, String reason) {
        return new AdminRefusal(400, field, reason);
    }

    public static AdminRefusal notFound(String what) {
        return new AdminRefusal(404, null, what);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
