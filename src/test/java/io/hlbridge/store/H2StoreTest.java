package io.hlbridge.store;

import java.nio.file.Files;
import java.nio.file.Path;

class H2StoreTest extends StoreContract {
    private Path dir;

    @Override
    Database open() throws Exception {
        dir = Files.createTempDirectory("store-h2-");
        return reopen();
    }

    @Override
    Database reopen() {
        return new Database("jdbc:h2:file:" + dir.resolve("bridge").toAbsolutePath(), null, null, 4);
    }
}
