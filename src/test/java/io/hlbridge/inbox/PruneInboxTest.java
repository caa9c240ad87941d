package io.hlbridge.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.Database;
import io.hlbridge.store.InboxStore;
import io.hlbridge.store.StoreSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The inbox-retention route's step, on a real H2 file. */
class PruneInboxTest {

    @Test
    void deletesWhatIsPastTheRetentionAndKeepsTheRest() throws Exception {
        try (Database db = new Database(new StoreSettings("jdbc:h2:file:" + Files.createTempDirectory("prune-") + "/bridge", null, null, 2))) {
            InboxStore inbox = new InboxStore(db);
            long now = System.currentTimeMillis();
            long eightDaysAgo = now - Duration.ofDays(8).toMillis();
            for (int i = 0; i < 5; i++) {
                inbox.insert("old-" + i, "appointment:old-" + i, "AppointmentCreate", "L1", "{}", eightDaysAgo);
                inbox.complete(inbox.pending("appointment:old-" + i), InboxStore.Status.DONE, null, eightDaysAgo);
            }
            inbox.insert("new", "appointment:new", "AppointmentCreate", "L1", "{}", now);
            inbox.complete(inbox.pending("appointment:new"), InboxStore.Status.DONE, null, now);
            BridgeMetrics metrics = new BridgeMetrics(new SimpleMeterRegistry());
            PruneInbox prune = new PruneInbox(inbox, metrics, new InboxSettings(Duration.ofDays(7)), 2); // 2, 2, 1

            prune.process(new DefaultExchange(new DefaultCamelContext()));

            assertEquals(5, metrics.count(BridgeMetrics.INBOX, "pruned"));
            assertEquals(List.of("new"), db.query("SELECT webhook_id FROM inbox", ps -> { }, rs -> rs.getString(1)));
            assertEquals(InboxStore.Insert.STORED, inbox.insert("old-0", "appointment:old-0", "AppointmentCreate", "L1",
                    "{}", now), "an id is free again once pruned (its webhook is long past the max-age by then)");
        }
    }
}
