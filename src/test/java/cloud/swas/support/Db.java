package cloud.swas.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Direct reads of the database for assertions: what the service stored, not what it says it stored. Its
 * connections are its own, not the service's pool, so a test that fills the pool can still look.
 */
@ApplicationScoped
public class Db {

    private final DataSource dataSource;

    Db(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
       @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        PGSimpleDataSource own = new PGSimpleDataSource();
        own.setUrl(url);
        user.ifPresent(own::setUser);
        password.ifPresent(own::setPassword);
        this.dataSource = own;
    }

    public long count(String sql, Object... args) {
        return ((Number) single(sql, args)).longValue();
    }

    public Object single(String sql, Object... args) {
        List<Object> rows = column(sql, args);
        if (rows.size() != 1) {
            throw new AssertionError("Expected one row from " + sql + " but got " + rows.size());
        }
        return rows.get(0);
    }

    public List<Object> column(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Object> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getObject(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A statement with parameters; returns the number of rows changed. */
    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code selectForUpdate} in a transaction of its own and keeps it open, so the rows it locked stay
     * locked (as by another client) until the returned lock is closed.
     */
    public RowLock lock(String selectForUpdate, Object... args) {
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(selectForUpdate)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                s.executeQuery().close();
            }
            return new RowLock(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows locked by {@link #lock}; closing commits, which releases them. */
    public static final class RowLock implements AutoCloseable {
        private final Connection connection;

        private RowLock(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try (connection) {
                connection.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Waits until at least {@code backends} sessions of this database wait for a lock, i.e. until calls that
     * must queue behind a {@link RowLock} are visibly queued.
     */
    public void awaitLockWaiters(int backends, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'") < backends) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(backends + " session(s) waiting for a lock expected within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Waits until at least {@code backends} sessions of this database have waited for a lock for at least
     * {@code waited} (by the database's clock, since their statement started): a wait the database itself has seen
     * last that long, rather than a sleep that hopes it did.
     */
    public void awaitLockWaitersFor(int backends, java.time.Duration waited, java.time.Duration timeout) {
        cloud.swas.support.Await.until(backends + " session(s) waiting for a lock for " + waited,
                () -> count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock' AND clock_timestamp() - query_start >= ? * interval '1 millisecond'",
                        waited.toMillis()) >= backends, timeout);
    }

    public void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
