package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.XandikosServer;

class XandikosHighLevelSlotsTest extends HighLevelSlotsContract {
    @Override
    CalDavServer newServer() {
        return new XandikosServer();
    }
}
