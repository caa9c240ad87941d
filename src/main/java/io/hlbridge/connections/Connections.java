package io.hlbridge.connections;

/**
 * The connections as the flows use them: who is connected, whose Apple ID is waiting for a new password, and what
 * was last seen of each.
 */
public record Connections(ConnectionDirectory directory, RefusedCredentials credentials, ConnectionStatus status) {

    public ConnectionStates states() {
        return new ConnectionStates(directory, credentials, status);
    }
}
