package io.hlbridge.adapters;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.hlbridge.caldav.CalDav;
import io.hlbridge.caldav.CalDavSettings;
import io.hlbridge.config.Settings;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.highlevel.HighLevelSettings;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.StoreSettings;
import io.hlbridge.store.Stores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.support.DefaultRegistry;
import org.junit.jupiter.api.Test;

/** A host's own store, HighLevel or CalDAV part, found in Camel's registry, is used instead of the bridge's. */
class AdaptersTest {
    static final Map<String, String> KEYS = Map.of("bridge.db.url", "jdbc:h2:mem:adapters-test;DB_CLOSE_DELAY=-1");
    static final Settings SETTINGS = new Settings(KEYS::get, KEYS.keySet());

    @Test
    void theBridgeOpensEachPartItselfWhenTheHostGivesNone() {
        Adapters a = Adapters.open(SETTINGS, new DefaultRegistry(), metrics());
        try {
            assertNotNull(a.stores());
            assertNotNull(a.highLevel());
            assertNotNull(a.calDav());
            assertTrue(a.ownsStore(), "the bridge closes what it opened");
        } finally {
            a.stores().db().close();
        }
    }

    @Test
    void aPartTheHostPutInTheRegistryIsUsedAndItsStoreLeftToIt() {
        DefaultRegistry registry = new DefaultRegistry();
        Stores hostStores = Stores.open(StoreSettings.from(SETTINGS));
        HighLevel hostHighLevel = HighLevel.create(HighLevelSettings.from(SETTINGS));
        CalDav hostCalDav = CalDav.create(CalDavSettings.from(SETTINGS));
        registry.bind("hostStore", hostStores);
        registry.bind("hostHighLevel", hostHighLevel);
        registry.bind("hostCalDav", hostCalDav);
        try {
            Adapters a = Adapters.open(SETTINGS, registry, metrics());
            assertSame(hostStores, a.stores());
            assertSame(hostHighLevel, a.highLevel());
            assertSame(hostCalDav, a.calDav());
            assertFalse(a.ownsStore(), "the host closes its own store");
            Adapters without = Adapters.open(SETTINGS, new DefaultRegistry(), metrics());
            assertNotSame(hostHighLevel, without.highLevel());
            without.stores().db().close();
        } finally {
            hostStores.db().close();
        }
    }

    private static BridgeMetrics metrics() {
        return new BridgeMetrics(new SimpleMeterRegistry());
    }
}
