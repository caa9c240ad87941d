package io.hlbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The JDBC pool and the schema. H2 file databases get {@code WRITE_DELAY=0} unless the URL says otherwise, so
 * a transaction that committed survives a {@code kill -9}: the webhook answers 200 only after that commit.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;

    public Database(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durableUrl(jdbcUrl));
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("bridge-db");
        config.setAutoCommit(true);
        this.dataSource = new HikariDataSource(config);
        new Migrations(dataSource).migrate();
    }

    static String durableUrl(String url) {
        boolean embeddedFile = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")
                && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
        return embeddedFile && !url.toUpperCase().contains("WRITE_DELAY") ? url + ";WRITE_DELAY=0" : url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Binds a statement's parameters. */
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads the current row of a result. */
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a query with its parameters and reads every row. */
    public <T> List<T> query(String sql, Binder binder, RowReader<T> reader) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        }
        return rows;
    }

    /** One INSERT, UPDATE or DELETE, committed; returns how many rows it touched. */
    public int update(String sql, Binder binder) throws SQLException {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /**
     * UPDATE, then INSERT when it touched no row, in one transaction (portable: H2 and PostgreSQL have no common
     * MERGE). Both statements take the same parameters in the same order.
     */
    public void upsert(String update, String insert, Binder binder) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            int updated;
            try (PreparedStatement ps = c.prepareStatement(update)) {
                binder.bind(ps);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    binder.bind(ps);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
