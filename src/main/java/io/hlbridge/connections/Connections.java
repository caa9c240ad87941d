package io.hlbridge.connections;

/** The connections as the flows use them: who is connected, and whose Apple ID is waiting for a new password. */
public record Connections(ConnectionDirectory directory, RefusedCredentials credentials) {
}
