package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.XandikosServer;

class XandikosHighLevelToICloudTest extends HighLevelToICloudContract {
    @Override
    CalDavServer newServer() {
        return new XandikosServer();
    }
}
