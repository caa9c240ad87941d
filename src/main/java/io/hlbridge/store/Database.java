package io.hlbridge.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC pool and the schema. H2 file databases get {@code WRITE_DELAY=0} unless the URL says otherwise, so
 * a transaction that committed survives a {@code kill -9}: the webhook answers 200 only after that commit. The
 * database is closed by {@link #close()} only, after Camel has drained its routes (H2's own close-on-exit hook
 * would close it under the routes still stopping).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int IN_BATCH = 100;
    static final long CONNECTION_TIMEOUT_MILLIS = 5_000;
    private final HikariDataSource dataSource;
    private final GroupCommit groupCommit = new GroupCommit(this);
    private final H2Housekeeping housekeeping;
    private final String description;
    private final boolean shared;

    public Database(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durableUrl(settings.url()));
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("bridge-db");
        // A store that cannot be reached fails a webhook within seconds (answered 429: HighLevel, or the load
        // balancer, tries again, on another node), not after Hikari's default of 30 s.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setAutoCommit(true);
        this.description = describe(settings.url());
        this.shared = !embeddedFile(settings.url()) && !settings.url().startsWith("jdbc:h2:mem:");
        this.dataSource = new HikariDataSource(config);
        new Migrations(dataSource).migrate();
        if (embeddedFile(settings.url())) {
            housekeeping = new H2Housekeeping(dataSource);
            housekeeping.start(500);
        } else {
            housekeeping = null;
        }
        LOG.info("Store: {}", description);
    }

    /**
     * Where the store is, for the start-up log: an H2 file by its absolute path (a relative URL depends on the
     * working directory, and a new folder means a new, empty store), other databases by URL without parameters
     * (they may carry a password).
     */
    static String describe(String url) {
        if (embeddedFile(url)) {
            String path = url.substring("jdbc:h2:".length()).replaceFirst("^file:", "");
            int semicolon = path.indexOf(';');
            path = semicolon < 0 ? path : path.substring(0, semicolon);
            return "H2 file " + Path.of(path.replaceFirst("^~", System.getProperty("user.home")) + ".mv.db")
                    .toAbsolutePath().normalize();
        }
        int q = url.indexOf('?');
        int semicolon = url.indexOf(';');
        int cut = q < 0 ? semicolon : semicolon < 0 ? q : Math.min(q, semicolon);
        return cut < 0 ? url : url.substring(0, cut);
    }

    private static boolean embeddedFile(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:");
    }

    /**
     * H2 keeps a dead chunk for its retention time (45 s by default) because it assumes the OS may not have written
     * the chunks that replaced it yet. {@link H2Housekeeping} forces the file to disk every half second, so 5 s
     * keeps that promise, and a commit does not pay for the metadata of tens of thousands of dead chunks
     * (docs/performance.md has the measurements).
     */
    static final int RETENTION_MILLIS = 5_000;

    /** Prepared statements each H2 session keeps parsed; H2's default of 8 is fewer than one appointment runs. */
    static final int QUERY_CACHE_SIZE = 64;

    /**
     * Settings an embedded H2 file gets unless its URL names them, in the order they are appended. H2's close-on-exit
     * hook is off: the bridge closes the store after its routes have drained.
     */
    private static final List<Map.Entry<String, Object>> H2_FILE_SETTINGS = List.of(Map.entry("WRITE_DELAY", 0),
            Map.entry("RETENTION_TIME", RETENTION_MILLIS), Map.entry("QUERY_CACHE_SIZE", QUERY_CACHE_SIZE),
            Map.entry("DB_CLOSE_ON_EXIT", "FALSE"));

    static String durableUrl(String url) {
        if (!embeddedFile(url)) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(url);
        for (Map.Entry<String, Object> setting : H2_FILE_SETTINGS) {
            if (!upper.contains(setting.getKey())) {
                out.append(';').append(setting.getKey()).append('=').append(setting.getValue());
            }
        }
        return out.toString();
    }

    /**
     * Whether other processes can open this store (a database server), so that several nodes may share it; an
     * embedded H2 file is locked by the one process that opened it, and an in-memory one lives in it.
     */
    public boolean shared() {
        return shared;
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

    /**
     * Runs {@code sqlEndingInIn} (a query whose last condition is {@code ... IN}) with {@code first} as its leading
     * parameter and {@code values} as the list, {@value #IN_BATCH} values per statement, and reads every row: one
     * round trip per hundred keys instead of one per key.
     */
    public <T> List<T> queryIn(String sqlEndingInIn, String first, Collection<String> values, RowReader<T> reader)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        List<String> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + IN_BATCH));
            rows.addAll(query(sqlEndingInIn + " (" + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")",
                    ps -> {
                        ps.setString(1, first);
                        for (int i = 0; i < batch.size(); i++) {
                            ps.setString(i + 2, batch.get(i));
                        }
                    }, reader));
        }
        return rows;
    }

    /** One INSERT, UPDATE or DELETE, committed; returns how many rows it touched. */
    public int update(String sql, Binder binder) throws SQLException {
        try (Connection c = connection()) {
            return update(c, sql, binder);
        }
    }

    /** Work done on one connection inside a transaction. */
    public interface Transactional {
        void run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public void inTransaction(Transactional work) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Runs {@code work} in a transaction it may share with other threads' works (see {@link GroupCommit}) and
     * returns once it is committed. For short writes that must be durable before the caller goes on; {@code work}
     * must touch nothing but the connection, since it may run twice (once in a failed group, once alone).
     */
    public void inSharedTransaction(Transactional work) throws SQLException {
        groupCommit.run(work);
    }

    /**
     * Forces what was committed on {@code c} to disk: an embedded H2 file is fsynced (its commit only reaches the OS),
     * other databases make a commit durable themselves. The group commit calls it once per group, before its callers
     * return: a webhook answered 200 is on disk.
     */
    void forceToDisk(Connection c) throws SQLException {
        if (housekeeping != null) {
            H2Housekeeping.store(c).sync();
        }
    }

    /** One INSERT, UPDATE or DELETE on a connection the caller holds (inside its transaction). */
    public static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /**
     * UPDATE, then INSERT when it touched no row, on a connection the caller holds (portable: H2 and PostgreSQL
     * have no common MERGE). Both statements take the same parameters in the same order.
     */
    public static void upsert(Connection c, String update, String insert, Binder binder) throws SQLException {
        if (update(c, update, binder) == 0) {
            update(c, insert, binder);
        }
    }

    /** {@link #upsert(Connection, String, String, Binder)} in a transaction of its own. */
    public void upsert(String update, String insert, Binder binder) throws SQLException {
        inTransaction(c -> upsert(c, update, insert, binder));
    }

    /** Rounds of H2 housekeeping that rewrote chunks (0 when not an embedded H2 file). */
    long compactions() {
        return housekeeping == null ? 0 : housekeeping.rewrites();
    }

    @Override
    public void close() {
        if (housekeeping != null) {
            housekeeping.close();
        }
        dataSource.close();
        LOG.info("Store closed: {}", description);
    }
}
