package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.XandikosServer;

class XandikosICloudToHighLevelTest extends ICloudToHighLevelContract {
    @Override
    CalDavServer newServer() {
        return new XandikosServer();
    }
}
