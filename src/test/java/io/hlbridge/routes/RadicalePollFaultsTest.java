package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;

class RadicalePollFaultsTest extends PollFaultsContract {
    @Override
    CalDavServer newServer() {
        return new RadicaleServer();
    }
}
