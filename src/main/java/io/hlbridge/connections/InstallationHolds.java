package io.hlbridge.connections;

import java.util.Optional;

/**
 * Connections whose HighLevel token comes from their location's Marketplace installation are held (not polled, their
 * work waiting) while that installation cannot give one: not installed yet, uninstalled, or in need of a new install.
 */
public interface InstallationHolds {

    /** Why {@code c} is held now, or empty. Cheap: read from memory on every poll round. */
    Optional<ConnectionStatus.Problem> held(Connection c);

    /** Reads the installations' states again (other nodes change them too); called with each directory refresh. */
    default void reload() {
    }

    InstallationHolds NONE = c -> Optional.empty();
}
