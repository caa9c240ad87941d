package io.hlbridge.store;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

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
    DataSource emptyDatabase() throws Exception {
        String name = "empty" + System.nanoTime();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    @Override
    void closeServer() throws Exception {
        postgres.close();
    }
}
