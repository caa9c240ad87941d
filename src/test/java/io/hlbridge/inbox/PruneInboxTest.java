package io.hlbridge.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import io.hlbridge.store.Database;
import io.hlbridge.store.InboxStore;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import io.hlbridge.observe.SyncMetrics;

/** The inbox-retention route's step, on a real H2 file. */
class PruneInboxTest {

    @Test
    void deletesWhatIsPastTheRetentionAndKeepsTheRest() throws Exception {
        try (Database db = new Database("jdbc:h2:file:" + Files.createTempDirectory("prune-") + "/bridge", null, null, 2)) {
            InboxStore inbox = new InboxStore(db);
            long now = System.currentTimeMillis();
            long eightDaysAgo = now - Duration.ofDays(8).toMillis();
            for (int i = 0; i < 5; i++) {
                inbox.insert("old-" + i, "appointment:old-" + i, "AppointmentCreate", "L1", "{}", eightDaysAgo);
                inbox.complete(inbox.pending("appointment:old-" + i), InboxStore.Status.DONE, null, eightDaysAgo);
            }
            inbox.insert("new", "appointment:new", "AppointmentCreate", "L1", "{}", now);
            inbox.complete(inbox.pending("appointment:new"), InboxStore.Status.DONE, null, now);
            SyncMetrics metrics = new SyncMetrics();
            PruneInbox prune = new PruneInbox(inbox, metrics);
            prune.setRetention(Duration.ofDays(7), Duration.ofMinutes(5));
            prune.setBatchSize(2); // three transactions: 2, 2, 1

            prune.process(new DefaultExchange(new DefaultCamelContext()));

            assertEquals(5, metrics.get("inbox.pruned"));
            assertEquals(List.of("new"), db.query("SELECT webhook_id FROM inbox", ps -> { }, rs -> rs.getString(1)));
            assertEquals(InboxStore.Insert.STORED, inbox.insert("old-0", "appointment:old-0", "AppointmentCreate", "L1",
                    "{}", now), "an id is free again once pruned (its webhook is long past the max-age by then)");
        }
    }

    @Test
    void aRetentionShorterThanTheWebhookMaxAgeIsRefused() {
        PruneInbox prune = new PruneInbox(null, new SyncMetrics());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> prune.setRetention(Duration.ofMinutes(1), Duration.ofMinutes(5)));
        assertTrue(e.getMessage().contains("bridge.inbox.retention") && e.getMessage().contains("highlevel.webhook.max-age"),
                e.getMessage());
    }
}
