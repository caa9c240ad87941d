package io.hlbridge.store;

/** The store opened once and its tables' stores, as the flows are handed them. */
public record Stores(Database db, InboxStore inbox, LinkStore links, BlockedSlotStore slots, ResourceStore resources,
        CalendarStateStore calendars, ConnectionStateStore connectionStates) {

    public static Stores open(StoreSettings settings) {
        Database db = new Database(settings);
        return new Stores(db, new InboxStore(db), new LinkStore(db), new BlockedSlotStore(db), new ResourceStore(db),
                new CalendarStateStore(db), new ConnectionStateStore(db));
    }
}
