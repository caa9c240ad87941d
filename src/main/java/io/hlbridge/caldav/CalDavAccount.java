package io.hlbridge.caldav;

/**
 * Whose calendars a CalDAV request reads or writes: all the CalDAV side needs of a connection, so that it never holds
 * the connection's HighLevel token. Implementations keep the password out of {@code toString()}.
 */
public interface CalDavAccount {
    /** The connection's name: the key of what is discovered for the account, and the name in messages. */
    String name();

    String appleId();

    /** The app-specific password (iCloud refuses the Apple ID's own). */
    String appPassword();

    /** The account's calendar that appointments are written to: its display name or URL. */
    String linkedCalendar();
}
