package io.hlbridge.store;

/**
 * A link written or removed by a sync step, held until the work commits so that the link and the inbox entry
 * that caused it are stored in one transaction. {@code saved} is null for a removal.
 */
public record LinkChange(String hlId, String connectionName, EventLink saved) {

    public static LinkChange save(EventLink link) {
        return new LinkChange(link.hlId(), link.connectionName(), link);
    }

    public static LinkChange delete(String hlId, String connectionName) {
        return new LinkChange(hlId, connectionName, null);
    }
}
