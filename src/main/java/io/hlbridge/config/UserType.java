package io.hlbridge.config;

/** Who installs the Marketplace app: a sub-account ({@code Location}) or an agency ({@code Company}). */
public enum UserType {
    LOCATION("Location"), COMPANY("Company");

    private final String written;

    UserType(String written) {
        this.written = written;
    }

    /** {@code Location} or {@code Company} (any case), else {@code otherwise}. */
    public static UserType from(String text, UserType otherwise) {
        for (UserType t : values()) {
            if (t.written.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        return otherwise;
    }

    /** As HighLevel's {@code user_type} and {@code userType} write it. */
    public String written() {
        return written;
    }
}
