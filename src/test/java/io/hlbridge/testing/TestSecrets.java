package io.hlbridge.testing;

/** Credentials every test uses, distinctive enough that the secrets scan finds any leak of them. */
public final class TestSecrets {
    private TestSecrets() {
    }

    public static final String APP_PASSWORD = "qzvx-lkjh-wert-secret";
    /** An app password the CalDAV servers (through {@link FaultProxy}) refuse, as iCloud refuses a revoked one. */
    public static final String REVOKED_APP_PASSWORD = "mnbv-poiu-ytre-revoked";
    /** The app password made after a revocation: {@link FaultProxy#acceptPassword} switches the servers to it. */
    public static final String NEW_APP_PASSWORD = "hgfd-sazx-cvbn-renewed";
    public static final String HIGHLEVEL_TOKEN = "pit-7d1e0c5a-token-secret";
    /** The token of a second HighLevel location. */
    public static final String HIGHLEVEL_TOKEN_2 = "pit-93b24f6e-token-secret";
    /** bridge.admin.token of the tests that use the admin API. */
    public static final String ADMIN_TOKEN = "adm-4f0b9c2e-7d31-token-secret";
    /** bridge.secret-key of the tests that store connections. */
    public static final String SECRET_KEY = "YnJpZGdlLXRlc3RzLXNlY3JldC1rZXktMzItYnl0ZXM=";
}
