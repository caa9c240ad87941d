package io.hlbridge.connectpage;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code GET highlevel.custom-page.path}: the page HighLevel's iframe loads; it knows nobody until it signs in. */
public final class ConnectPageShell implements Processor {
    private final ConnectPage page;

    ConnectPageShell(ConnectPage page) {
        this.page = page;
    }

    @Override
    public void process(Exchange exchange) {
        page.secure(exchange.getMessage(), "text/html; charset=utf-8");
        exchange.getMessage().setBody(page.page());
    }
}
