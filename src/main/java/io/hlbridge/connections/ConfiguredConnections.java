package io.hlbridge.connections;

import static io.hlbridge.config.BridgeOptions.APPLE_ID;
import static io.hlbridge.config.BridgeOptions.APP_PASSWORD;
import static io.hlbridge.config.BridgeOptions.CALENDAR_ID;
import static io.hlbridge.config.BridgeOptions.CONFLICT_CALENDARS;
import static io.hlbridge.config.BridgeOptions.HIGHLEVEL_TOKEN;
import static io.hlbridge.config.BridgeOptions.LINKED_CALENDAR;
import static io.hlbridge.config.BridgeOptions.LOCATION_ID;
import static io.hlbridge.config.BridgeOptions.TIME_ZONE;
import static io.hlbridge.config.BridgeOptions.USER_ID;

import java.util.List;

import io.hlbridge.config.Settings;
import io.hlbridge.config.SyncChoices;

/** The {@code connections.<name>.*} blocks of a checked configuration. */
public final class ConfiguredConnections {
    private ConfiguredConnections() {
    }

    public static List<Connection> read(Settings s) {
        return s.connectionNames().stream().map(name -> new Connection(name, s.connection(name, LOCATION_ID),
                s.connection(name, USER_ID), s.connection(name, HIGHLEVEL_TOKEN), s.connection(name, APPLE_ID),
                s.connection(name, APP_PASSWORD), s.connection(name, LINKED_CALENDAR),
                s.connection(name, CONFLICT_CALENDARS), s.connection(name, TIME_ZONE), s.connection(name, CALENDAR_ID),
                SyncChoices.configured(s, name)))
                .toList();
    }
}
