package io.hlbridge.oauth;

import java.time.Duration;

import io.hlbridge.store.Installation;
import io.hlbridge.store.InstallationStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spends the refresh token of every installation that has not had a new token for {@code highlevel.oauth.idle-refresh}:
 * HighLevel expires a refresh token after a year unused, and a location with nothing to sync uses none.
 */
public class RefreshIdleInstallations implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshIdleInstallations.class);
    private final InstallationStore store;
    private final InstallationTokens tokens;
    private final Duration idle;

    public RefreshIdleInstallations(InstallationStore store, InstallationTokens tokens, Duration idle) {
        this.store = store;
        this.tokens = tokens;
        this.idle = idle;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        int renewed = 0;
        for (Installation i : store.refreshedBefore(System.currentTimeMillis() - idle.toMillis())) {
            try {
                tokens.renewNow(i.resourceId(), i.accessToken());
                renewed++;
            } catch (Exception e) {
                LOG.warn("Idle installation {} could not be renewed: {}", i.resourceId(), e.getMessage());
            }
        }
        if (renewed > 0) {
            LOG.info("Renewed the tokens of {} idle installation(s)", renewed);
        }
    }
}
