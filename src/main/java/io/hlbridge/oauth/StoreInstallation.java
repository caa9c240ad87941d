package io.hlbridge.oauth;

import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Step of oauth-callback: the tokens sealed in the store for the installation and the locations it covers, then the
 * inbox work that waited for an installation made due at once.
 */
public class StoreInstallation implements Processor {
    private final Installations installations;
    private final InboxStore inbox;

    public StoreInstallation(Installations installations, InboxStore inbox) {
        this.installations = installations;
        this.inbox = inbox;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        InstallCallback callback = InstallCallback.of(exchange);
        callback.locations = installations.authorized(callback.grant, callback.agencyLocations);
        inbox.makeDue(System.currentTimeMillis());
    }
}
