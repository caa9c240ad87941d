package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;

class RadicaleHighLevelSlotsTest extends HighLevelSlotsContract {
    @Override
    CalDavServer newServer() {
        return new RadicaleServer();
    }
}
