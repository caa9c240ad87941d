package io.hlbridge.connections;

import java.util.List;

import io.hlbridge.runtime.RouteContract;

/** The step names of routes/connections.camel.yaml, declared once for the wiring and the route contract. */
public final class ConnectionsSteps {
    public static final String CHECK = "connectionsCheck";

    public static final RouteContract CONTRACT = new RouteContract("connections-check", List.of(CHECK),
            "calendars are checked at start-up");

    private ConnectionsSteps() {
    }
}
