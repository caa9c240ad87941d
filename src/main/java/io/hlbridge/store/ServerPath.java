package io.hlbridge.store;

import java.net.URI;

/**
 * What identifies a calendar or resource of an account: its path on the server, whatever address reached it. iCloud
 * serves an account from several partition hosts, icloud.caldav-url may change, and nodes may be configured with
 * different addresses for one server; the store keys calendars, resources, links and slots by path
 * (V9__blocked_slot_path.sql, V10__paths.sql) and keeps the address each was last seen under.
 */
public final class ServerPath {
    private ServerPath() {
    }

    /** The URL's raw path; the text itself when it has none or is no URL. */
    public static String of(String url) {
        try {
            String path = URI.create(url).getRawPath();
            return path == null || path.isEmpty() ? url : path;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** Whether the two URLs name one calendar or resource of the account. */
    public static boolean same(String a, String b) {
        return a != null && b != null && of(a).equals(of(b));
    }

    /** {@code url}'s path under the scheme, host and port of {@code address}: where it is reached now. */
    public static URI under(String url, URI address) {
        return address.resolve(of(url));
    }
}
