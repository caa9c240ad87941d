package io.hlbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.hlbridge.ical.EventDetails;
import org.junit.jupiter.api.Test;
import io.hlbridge.connections.Connection;

class BridgeSettingsTest {

    @Test
    void durationsChoicesAndConnections() {
        Map<String, String> m = Map.ofEntries(Map.entry("a", "500ms"), Map.entry("b", "5m"), Map.entry("c", "PT2H"),
                Map.entry("d", "busy"));
        m = new java.util.HashMap<>(m);
        m.putAll(Map.of("connections.alice.location-id", "L1", "connections.alice.user-id", "U1",
                "connections.alice.highlevel-token", "t", "connections.alice.apple-id", "a@example.com",
                "connections.alice.app-password", "p", "connections.alice.linked-calendar", "Work",
                "connections.alice.conflict-calendars", "Home, Family"));
        Map<String, String> all = m;
        BridgeSettings s = new BridgeSettings(all::get, BridgeSettings.connectionNames(all.keySet()));
        assertEquals(Duration.ofMillis(500), s.duration("a", null));
        assertEquals(Duration.ofMinutes(5), s.duration("b", null));
        assertEquals(Duration.ofHours(2), s.duration("c", null));
        assertEquals(EventDetails.BUSY, s.choice("d", EventDetails.class, EventDetails.FULL));
        Connection c = s.connections().get(0);
        assertEquals(List.of("Home", "Family"), c.conflictCalendars());
        assertTrue(!c.toString().contains("p,") && !c.toString().contains("token"), c.toString());
    }

    @Test
    void badValuesAreReportedWithTheKey() {
        Map<String, String> m = Map.of("x", "five minutes", "connections.bob.user-id", "U2");
        BridgeSettings s = new BridgeSettings(m::get, Set.of("bob"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.duration("x", null)).getMessage().contains("x"));
        assertTrue(assertThrows(IllegalArgumentException.class, s::connections).getMessage()
                .contains("connections.bob.location-id"));
    }
}
