package io.hlbridge.highlevel;

import java.time.ZoneId;

/**
 * Who a HighLevel request is sent for: all the HighLevel side needs of a connection, so that it never holds the
 * connection's Apple ID or app password. Implementations keep the token out of {@code toString()}.
 */
public interface HighLevelCredentials {
    /** The connection's name: who shares a location's budget fairly, and the name in messages. */
    String name();

    /** The HighLevel location (sub-account) the requests are for. */
    String locationId();

    /** A Private Integration or location token; null or empty: the location's Marketplace installation's. */
    String highLevelToken();

    /** The zone the user's recurring appointments are written in, when set; null: the location's. */
    default ZoneId timeZone() {
        return null;
    }

    /** Its HighLevel token comes from the location's Marketplace (OAuth) installation, renewed by the bridge. */
    default boolean usesInstallation() {
        return highLevelToken() == null || highLevelToken().isEmpty();
    }
}
