package cloud.swas.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Which database failures are temporary (answered {@code 503 ServiceUnavailable}, retry): a bound of
 * {@link DatabaseConfig} was reached, no pooled connection came within the pool's acquisition timeout, or the
 * connection was lost (the server went away, or it is a standby now: a failover). A lost connection is not
 * reused: the pool is flushed, so the next calls connect afresh, to the new primary with a multi-host JDBC
 * URL and {@code targetServerType=primary}.
 */
@ApplicationScoped
public class DatabaseFailures {

    private static final Logger LOG = Logger.getLogger(DatabaseFailures.class);

    /** {@code lock_not_available}: {@code lock_timeout} ran out. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** {@code query_canceled}: {@code statement_timeout} ran out (or the statement was cancelled). */
    private static final String QUERY_CANCELED = "57014";
    /** {@code read_only_sql_transaction}: the server is a standby now, e.g. a demoted primary. */
    private static final String READ_ONLY = "25006";
    /** Agroal's exception has no SQLState; its message is the only mark (pinned by a test). */
    private static final String POOL_EXHAUSTED = "Sorry, acquisition timeout!";
    /** Enough for any wrapping a framework does (a few levels); a bound, not an expectation. */
    private static final int MAX_THROWABLES_EXAMINED = 64;
    private static final long FLUSH_AT_MOST_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AgroalDataSource dataSource;
    private final AtomicLong lastFlush = new AtomicLong(System.nanoTime() - FLUSH_AT_MOST_EVERY_NANOS);

    DatabaseFailures(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * True when the failure, one of its causes or one of their suppressed exceptions is temporary; a lost
     * connection also flushes the pool (at most once a second, however many calls see it).
     *
     * <p>Suppressed exceptions count because a transaction manager reports a failed COMMIT that way: Narayana's
     * {@code RollbackException} carries the resource's {@code XAException}, and the driver's I/O error may hang
     * only off that as a suppressed exception. The walk is bounded and visits each throwable once, so a
     * cyclic or huge graph cannot loop or stall a call.
     */
    public boolean isTemporary(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty() && seen.size() < MAX_THROWABLES_EXAMINED) {
            Throwable t = pending.removeFirst();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql) {
                if (isTemporary(sql)) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    pending.add(sql.getNextException());
                }
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(Arrays.asList(t.getSuppressed()));
        }
        return false;
    }

    private boolean isTemporary(SQLException e) {
        String state = e.getSQLState();
        if (LOCK_NOT_AVAILABLE.equals(state) || QUERY_CANCELED.equals(state) || POOL_EXHAUSTED.equals(e.getMessage())) {
            return true;
        }
        if (connectionLost(state)) {
            flushPool(state);
            return true;
        }
        return false;
    }

    /** Connection errors ({@code 08...}), an administrator's or crash shutdown ({@code 57P0x}), a standby. */
    private static boolean connectionLost(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0") || READ_ONLY.equals(state));
    }

    private void flushPool(String state) {
        long last = lastFlush.get();
        long now = System.nanoTime();
        if (now - last >= FLUSH_AT_MOST_EVERY_NANOS && lastFlush.compareAndSet(last, now)) {
            LOG.warnf("Database connection lost or read-only (SQLState %s): the pool's connections are replaced", state);
            dataSource.flush(AgroalDataSource.FlushMode.ALL);
        }
    }
}
