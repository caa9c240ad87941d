package io.hlbridge.inbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.config.SyncWindow;
import io.hlbridge.connections.AppointmentRewrites;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.BlockedSlotStore;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HighLevel drops a webhook it could not deliver; this catches what was lost. Each connected user's appointments
 * over the window ({@code GET /calendars/events}) that the link store does not know, or knows at an older
 * {@code dateUpdated}, go into the inbox as if their webhook had come, keyed by id and {@code dateUpdated} so the
 * same version is queued once. The body becomes the work keys to wake. As {@link AppointmentRewrites}, one
 * connection's appointments over the window all go into the inbox, known or not: its linked calendar or event details
 * changed, so each is written again (moved, or shown as the new details say); past ones stay as they were.
 */
public class ReconcileAppointments implements Processor, AppointmentRewrites {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileAppointments.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionDirectory connections;
    private final HighLevelClient highLevel;
    private final LinkStore links;
    private final BlockedSlotStore slots;
    private final InboxStore inbox;
    private final BridgeMetrics metrics;
    private final SyncWindow window;

    public ReconcileAppointments(ConnectionDirectory connections, HighLevelClient highLevel, LinkStore links,
            BlockedSlotStore slots, InboxStore inbox, BridgeMetrics metrics, SyncWindow window) {
        this.connections = connections;
        this.highLevel = highLevel;
        this.links = links;
        this.slots = slots;
        this.inbox = inbox;
        this.metrics = metrics;
        this.window = window;
    }

    @Override
    public void process(Exchange exchange) {
        Instant now = Instant.now();
        Set<String> wake = new LinkedHashSet<>();
        for (Connection c : connections.all()) {
            if (exchange.getContext().isStopping()) {
                break; // a pass over thousands of users takes minutes at HighLevel's limit; it must not hold a stop
            }
            try {
                wake.addAll(enqueue(c, now, false));
            } catch (Exception e) {
                metrics.increment(BridgeMetrics.RECONCILE, "failed");
                LOG.warn("Reconciliation of '{}' failed, tried again next time: {}", c.name(), e.getMessage());
            }
        }
        exchange.getMessage().setBody(new ArrayList<>(wake));
    }

    @Override
    public int rewriteAll(Connection c) throws Exception {
        List<String> queued = enqueue(c, Instant.now(), true);
        inbox.makeDue(System.currentTimeMillis());
        return queued.size();
    }

    /** Queues the user's appointments over the window: all of them, or those the link store lacks; their work keys. */
    private List<String> enqueue(Connection c, Instant now, boolean all) throws Exception {
        List<String> keys = new ArrayList<>();
        for (JsonNode e : highLevel.listEvents(c, c.userId(), window.start(now), window.end(now))) {
            String key = all ? enqueue(c, e, "rewrite:" + e.path("id").asText("") + ":" + now.toEpochMilli(), now)
                    : enqueueIfUnknown(c, e, now);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    private String enqueueIfUnknown(Connection c, JsonNode event, Instant now) throws Exception {
        String id = event.path("id").asText("");
        long updated = millis(event.path("dateUpdated").asText(""));
        List<EventLink> known = links.forItem(id);
        if (known.stream().anyMatch(l -> l.hlDateUpdated() != null && l.hlDateUpdated() >= updated)) {
            return null;
        }
        String key = enqueue(c, event, "reconcile:" + id + ":" + updated, now);
        if (key != null) {
            metrics.increment(BridgeMetrics.RECONCILE, "enqueued");
            LOG.info("Appointment {} reached the inbox by reconciliation (its webhook never came)", id);
        }
        return key;
    }

    /** Queues one appointment as if its webhook had come, unless its work waits already; its work key, or null. */
    private String enqueue(Connection c, JsonNode event, String entryId, Instant now) throws Exception {
        String id = event.path("id").asText("");
        if (id.isEmpty() || event.path("contactId").asText("").isEmpty() || slots.isOurs(id)) {
            return null; // blocked slots (ours or not) never go to iCloud
        }
        String workKey = WorkLocks.forAppointment(id);
        if (inbox.hasPending(workKey)) {
            return null; // its webhook came and waits (a held connection, a retry): that work reads the current version
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "AppointmentUpdate");
        payload.put("locationId", event.path("locationId").asText(c.locationId()));
        payload.set("appointment", event);
        InboxStore.Insert r = inbox.insert(entryId, workKey, "AppointmentUpdate", c.locationId(),
                JSON.writeValueAsString(payload), now.toEpochMilli());
        return r == InboxStore.Insert.DUPLICATE ? null : workKey;
    }

    private static long millis(String iso) {
        try {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
