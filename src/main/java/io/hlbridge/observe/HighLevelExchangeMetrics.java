package io.hlbridge.observe;

import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.HighLevelCredentials;
import io.hlbridge.runtime.BridgeMetrics;

/** Counts every exchange with HighLevel, and its 429 answers, by location. */
public final class HighLevelExchangeMetrics implements HighLevelClient.ExchangeObserver {
    private final BridgeMetrics metrics;

    public HighLevelExchangeMetrics(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void answered(HighLevelCredentials c, String method, String path, int status, long millis) {
        metrics.increment(BridgeMetrics.HIGHLEVEL_REQUESTS, c.locationId());
        if (status == 429) {
            metrics.increment(BridgeMetrics.HIGHLEVEL_RATE_LIMITED, c.locationId());
        }
    }

    @Override
    public void unanswered(HighLevelCredentials c, String method, String path, long millis) {
        metrics.increment(BridgeMetrics.HIGHLEVEL_REQUESTS, c.locationId());
    }
}
