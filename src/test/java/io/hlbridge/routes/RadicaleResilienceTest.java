package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;

class RadicaleResilienceTest extends ResilienceContract {
    @Override
    CalDavServer newServer() {
        return new RadicaleServer();
    }
}
