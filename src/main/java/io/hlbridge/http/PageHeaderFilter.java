package io.hlbridge.http;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Camel's HTTP header filter for a platform-http route that answers a browser, except that the answer's
 * {@code Cache-Control} goes out: Camel's filter drops it (a hop-by-hop habit of its HTTP clients), so a page that sets
 * {@code no-store} (the Marketplace install redirect, which carries this browser's OAuth state, and the callback's
 * pages) would reach the browser without it. Named in the route as {@code headerFilterStrategy: "#oauthPageHeaders"}.
 */
public final class PageHeaderFilter extends HttpHeaderFilterStrategy {
    @Override
    protected void initialize() {
        super.initialize();
        getOutFilter().remove("cache-control");
    }
}
