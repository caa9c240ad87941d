package io.hlbridge.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The same store contract on PostgreSQL 14 (zonky's embedded binaries, started on loopback). */
class PostgresStoreTest extends StoreContract {
    private EmbeddedPostgres postgres;

    @Override
    Database open() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        return reopen();
    }

    @Override
    Database reopen() {
        return new Database(new StoreSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, 4));
    }

    @Override
    void closeServer() throws Exception {
        postgres.close();
    }
}
