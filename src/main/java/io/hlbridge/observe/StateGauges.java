package io.hlbridge.observe;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.hlbridge.connections.ConnectionState;
import io.hlbridge.connections.Connections;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.InboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges of what is, not of what happened: inbox entries by state and connections by state. Read from the store
 * at most once per {@link #FRESH_MILLIS} however often they are scraped (one query each, for every state at once).
 */
public final class StateGauges {
    private static final Logger LOG = LoggerFactory.getLogger(StateGauges.class);
    static final long FRESH_MILLIS = 5_000;

    private final InboxStore inbox;
    private final Connections connections;
    private volatile long readAt;
    private volatile Map<InboxStore.State, Long> inboxDepth = new EnumMap<>(InboxStore.State.class);
    private volatile Map<ConnectionState.Kind, Long> connectionStates = new EnumMap<>(ConnectionState.Kind.class);

    public StateGauges(InboxStore inbox, Connections connections) {
        this.inbox = inbox;
        this.connections = connections;
    }

    public void register(BridgeMetrics metrics) {
        for (InboxStore.State s : InboxStore.State.values()) {
            metrics.gauge(BridgeMetrics.INBOX_DEPTH, s.name().toLowerCase(Locale.ROOT),
                    () -> fresh().inboxDepth.getOrDefault(s, 0L));
        }
        for (ConnectionState.Kind k : ConnectionState.Kind.values()) {
            metrics.gauge(BridgeMetrics.CONNECTIONS, k.written(), () -> fresh().connectionStates.getOrDefault(k, 0L));
        }
    }

    private StateGauges fresh() {
        long now = System.currentTimeMillis();
        if (now - readAt >= FRESH_MILLIS) {
            synchronized (this) {
                if (now - readAt >= FRESH_MILLIS) {
                    try {
                        inboxDepth = inbox.countByState();
                        Map<ConnectionState.Kind, Long> kinds = new EnumMap<>(ConnectionState.Kind.class);
                        connections.states().all().values().forEach(s -> kinds.merge(s.kind(), 1L, Long::sum));
                        connectionStates = kinds;
                    } catch (Exception e) {
                        LOG.debug("State gauges not refreshed: {}", e.toString());
                    }
                    readAt = now;
                }
            }
        }
        return this;
    }
}
