package io.hlbridge.connections;

/**
 * Writes a connection's appointments to iCloud again, each as HighLevel has it now: after the connection's linked
 * calendar or event details changed, the events already written must follow. The inbox implements it (its work reads
 * and writes an appointment); this interface keeps the connections package free of the inbox's.
 */
@FunctionalInterface
public interface AppointmentRewrites {

    /** Queues the user's appointments over the sync window; returns how many. */
    int rewriteAll(Connection c) throws Exception;
}
