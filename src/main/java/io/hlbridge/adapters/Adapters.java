package io.hlbridge.adapters;

import io.hlbridge.caldav.CalDav;
import io.hlbridge.caldav.CalDavSettings;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Settings;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.highlevel.HighLevelSettings;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.StoreSettings;
import io.hlbridge.store.Stores;
import org.apache.camel.spi.Registry;

/**
 * The parts every flow is handed, opened once: the checked settings, the store, the HighLevel API, the CalDAV
 * operations, the iCalendar writer and the metrics. A host replaces the store, HighLevel or CalDAV part by putting its
 * own {@link Stores}, {@link HighLevel} or {@link CalDav} in Camel's registry before the bridge configures (in Spring
 * Boot: a bean of that type, as Camel's registry is Spring's); the bridge then uses that one and leaves closing it to
 * the host.
 *
 * @param ownsStore whether the bridge opened the store, and so closes it once its routes have drained
 */
public record Adapters(Settings settings, Stores stores, HighLevel highLevel, CalDav calDav,
        AppointmentToVEvent toVEvent, BridgeMetrics metrics, boolean ownsStore) {

    public static Adapters open(Settings s, Registry registry, BridgeMetrics metrics) {
        Stores hostStores = registry.findSingleByType(Stores.class);
        HighLevel highLevel = registry.findSingleByType(HighLevel.class);
        CalDav calDav = registry.findSingleByType(CalDav.class);
        Stores stores = hostStores != null ? hostStores : Stores.open(StoreSettings.from(s));
        return new Adapters(s, stores,
                highLevel != null ? highLevel : HighLevel.create(HighLevelSettings.from(s)),
                calDav != null ? calDav : CalDav.create(CalDavSettings.from(s)),
                new AppointmentToVEvent(s.get(BridgeOptions.EVENT_DETAILS)), metrics, hostStores == null);
    }
}
