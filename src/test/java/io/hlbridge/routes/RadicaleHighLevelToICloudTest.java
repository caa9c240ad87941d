package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;

class RadicaleHighLevelToICloudTest extends HighLevelToICloudContract {
    @Override
    CalDavServer newServer() {
        return new RadicaleServer();
    }
}
