package io.hlbridge.observe;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import io.hlbridge.store.Database;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the store answers a query within two seconds (webhooks are answered 200 only once stored). */
public final class StoreHealthCheck extends AbstractHealthCheck {
    private final Database db;

    public StoreHealthCheck(Database db) {
        super("bridge", "store");
        this.db = db;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("SELECT 1");
            builder.up();
        } catch (Exception e) {
            builder.message("the store does not answer: " + e.getMessage()).down();
        }
    }
}
