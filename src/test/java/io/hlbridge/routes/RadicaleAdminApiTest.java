package io.hlbridge.routes;

import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;

class RadicaleAdminApiTest extends AdminApiContract {
    @Override
    CalDavServer newServer() {
        return new RadicaleServer();
    }
}
