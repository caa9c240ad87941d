package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.XandikosServer;

class XandikosAdminApiTest extends AdminApiContract {
    @Override
    CalDavServer newServer() {
        return new XandikosServer();
    }
}
