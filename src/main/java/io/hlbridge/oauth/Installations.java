package io.hlbridge.oauth;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.hlbridge.config.UserType;
import io.hlbridge.store.Database;
import io.hlbridge.store.Installation;
import io.hlbridge.store.InstallationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an install, a code exchange and an uninstall do to the stored installations. Each is idempotent: HighLevel's
 * INSTALL webhook may come before or after the admin's browser brings the code, and a webhook may come twice.
 */
public class Installations {
    private static final Logger LOG = LoggerFactory.getLogger(Installations.class);
    private final InstallationStore store;
    private final Database db;
    private final InstallationTokens tokens;

    public Installations(InstallationStore store, Database db, InstallationTokens tokens) {
        this.store = store;
        this.db = db;
        this.tokens = tokens;
    }

    /**
     * INSTALL: recorded as installed, waiting for the code, unless the code exchange already authorized it.
     *
     * @param locationId null for an agency-level install
     */
    public void installWebhook(String locationId, String companyId) throws SQLException {
        String id = locationId != null ? locationId : companyId;
        String type = locationId != null ? Installation.LOCATION : Installation.COMPANY;
        long now = System.currentTimeMillis();
        db.inTransaction(c -> {
            Optional<Installation> row = store.locked(c, id);
            if (row.isPresent() && row.get().state() != Installation.State.UNINSTALLED) {
                return; // authorized (or waiting) already: INSTALL after the code exchange changes nothing
            }
            store.save(c, new Installation(id, type, locationId != null ? companyId : null,
                    Installation.State.INSTALLED, "INSTALL received; waiting for the admin's browser to bring the"
                    + " code", null, null, 0, 0, now, now));
        });
        tokens.changed(List.of(id));
        LOG.info("Marketplace app installed on {} {} (INSTALL webhook)", type.toLowerCase(java.util.Locale.ROOT), id);
    }

    /**
     * The code was exchanged: the installation is authorized with its tokens. An agency's locations (those it
     * approved, or else every location the app is installed on) get their tokens minted from the agency's as needed.
     *
     * @return the locations the install gives tokens for
     */
    public List<String> authorized(TokenGrant g, List<String> agencyLocations) throws SQLException {
        long now = System.currentTimeMillis();
        long expires = now + g.expiresInSeconds() * 1000;
        List<String> locations = new ArrayList<>();
        db.inTransaction(c -> {
            if (UserType.COMPANY.written().equals(g.userType())) {
                store.save(c, new Installation(g.companyId(), Installation.COMPANY, null,
                        Installation.State.AUTHORIZED, null, g.accessToken(), g.refreshToken(), expires, now, now, now));
                for (String location : agencyLocations) {
                    Optional<Installation> own = store.locked(c, location);
                    if (own.isPresent() && own.get().state() == Installation.State.AUTHORIZED
                            && own.get().refreshToken() != null) {
                        // installed on its own too: keeps its tokens, the agency's become its fallback
                        store.save(c, new Installation(location, Installation.LOCATION, g.companyId(),
                                own.get().state(), null, own.get().accessToken(), own.get().refreshToken(),
                                own.get().expiresAt(), own.get().refreshedAt(), own.get().installedAt(), now));
                    } else {
                        store.save(c, new Installation(location, Installation.LOCATION, g.companyId(),
                                Installation.State.AUTHORIZED, null, null, null, 0, 0, now, now));
                    }
                    locations.add(location);
                }
            } else {
                Optional<Installation> old = store.locked(c, g.locationId());
                String companyId = g.companyId() != null ? g.companyId() : old.map(Installation::companyId).orElse(null);
                store.save(c, new Installation(g.locationId(), Installation.LOCATION, companyId,
                        Installation.State.AUTHORIZED, null, g.accessToken(), g.refreshToken(), expires, now, now,
                        now));
                locations.add(g.locationId());
            }
        });
        List<String> changed = new ArrayList<>(locations);
        if (g.companyId() != null) {
            changed.add(g.companyId());
        }
        tokens.changed(changed);
        LOG.info("Marketplace app authorized for {} {}: location(s) {}", g.userType(), UserType.COMPANY.written()
                .equals(g.userType()) ? g.companyId() : g.locationId(), locations);
        return locations;
    }

    /**
     * UNINSTALL: the installation's tokens are deleted and its connections stop at once (held: no poll, no write);
     * what is in iCloud stays. An agency's uninstall takes the locations whose tokens it minted with it.
     *
     * @param sentAt when HighLevel sent it (epoch millis), or 0 when the webhook has no timestamp: an UNINSTALL older
     *               than the current installation (a replay, or a retry overtaken by a new install) is ignored
     * @return the locations that stopped
     */
    public List<String> uninstallWebhook(String locationId, String companyId, long sentAt, String eventKey)
            throws SQLException {
        String id = locationId != null ? locationId : companyId;
        long now = System.currentTimeMillis();
        List<String> stopped = new ArrayList<>();
        db.inTransaction(c -> {
            Optional<Installation> row = store.locked(c, id);
            long seen = store.firstSeen(c, eventKey, now);
            long sent = sentAt > 0 ? sentAt : seen; // a body without time is as old as its first delivery here
            if (row.isPresent() && sent < row.get().installedAt()) {
                LOG.warn("UNINSTALL of {} {} {} is older than its installation; ignored (a replay)", id,
                        sentAt > 0 ? "sent at" : "first seen at", java.time.Instant.ofEpochMilli(sent));
                return;
            }
            String type = locationId != null ? Installation.LOCATION : Installation.COMPANY;
            Installation gone = row.orElse(new Installation(id, type, null, Installation.State.UNINSTALLED, null,
                    null, null, 0, 0, now, now)).withState(Installation.State.UNINSTALLED,
                    "UNINSTALL received: the Marketplace app was uninstalled", now);
            store.save(c, gone);
            if (locationId != null) {
                stopped.add(locationId);
            } else {
                for (Installation l : store.ofCompany(companyId)) {
                    if (l.refreshToken() == null) {
                        store.save(c, l.withState(Installation.State.UNINSTALLED, "UNINSTALL of agency " + companyId
                                + " received: the Marketplace app was uninstalled", now));
                        stopped.add(l.resourceId());
                    }
                }
            }
        });
        List<String> changed = new ArrayList<>(stopped);
        changed.add(id);
        tokens.changed(changed);
        LOG.info("Marketplace app uninstalled from {}: location(s) {} stopped, their tokens deleted", id, stopped);
        return stopped;
    }
}
