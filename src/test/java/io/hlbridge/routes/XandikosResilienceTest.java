package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.XandikosServer;

class XandikosResilienceTest extends ResilienceContract {
    @Override
    CalDavServer newServer() {
        return new XandikosServer();
    }
}
