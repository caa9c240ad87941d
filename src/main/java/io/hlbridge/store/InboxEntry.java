package io.hlbridge.store;

/** One stored webhook (or reconciliation finding) waiting to be applied. */
public record InboxEntry(long id, String webhookId, String workKey, String eventType, String locationId,
        String payload, long receivedAt, int attempts) {
}
