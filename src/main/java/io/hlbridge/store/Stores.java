package io.hlbridge.store;

import java.util.List;

import io.hlbridge.config.InvalidConfigurationException;

/** The store opened once and its tables' stores, as the flows are handed them. */
public record Stores(Database db, InboxStore inbox, LinkStore links, BlockedSlotStore slots, ResourceStore resources,
        CalendarStateStore calendars, ConnectionStateStore connectionStates, StoredConnectionStore storedConnections,
        InstallationStore installations, SlotCopyStore slotCopies) {

    /** Opens the store; fails when bridge.secret-key does not open the secrets it holds. */
    public static Stores open(StoreSettings settings) {
        Database db = new Database(settings);
        SecretBox box = settings.secretKey() == null ? null : SecretBox.fromBase64(settings.secretKey());
        StoredConnectionStore stored = new StoredConnectionStore(db, box);
        try {
            stored.checkKey();
        } catch (IllegalStateException e) { // the key does not fit the store: the configuration's to fix
            db.close();
            throw new InvalidConfigurationException(List.of(e.getMessage()));
        } catch (java.sql.SQLException | RuntimeException e) {
            db.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        return new Stores(db, new InboxStore(db), new LinkStore(db), new BlockedSlotStore(db), new ResourceStore(db),
                new CalendarStateStore(db), new ConnectionStateStore(db), stored, new InstallationStore(db, box),
                new SlotCopyStore(db));
    }
}
