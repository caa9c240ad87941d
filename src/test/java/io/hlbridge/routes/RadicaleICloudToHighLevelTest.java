package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;

class RadicaleICloudToHighLevelTest extends ICloudToHighLevelContract {
    @Override
    CalDavServer newServer() {
        return new RadicaleServer();
    }
}
