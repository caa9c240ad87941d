package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.XandikosServer;

class XandikosPollFaultsTest extends PollFaultsContract {
    @Override
    CalDavServer newServer() {
        return new XandikosServer();
    }
}
