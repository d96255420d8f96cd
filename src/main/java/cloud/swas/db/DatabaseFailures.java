package cloud.swas.db;

import java.sql.SQLException;

/**
 * Which database failures are temporary: a bound of {@link DatabaseConfig} was reached, or no pooled
 * connection came within the pool's acquisition timeout. Such a call changed nothing and may be retried.
 */
public final class DatabaseFailures {

    /** {@code lock_not_available}: {@code lock_timeout} ran out. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** {@code query_canceled}: {@code statement_timeout} ran out (or the statement was cancelled). */
    private static final String QUERY_CANCELED = "57014";

    /** Agroal's exception has no SQLState; its message is the only mark (pinned by a test). */
    private static final String POOL_EXHAUSTED = "Sorry, acquisition timeout!";

    private DatabaseFailures() {
    }

    /** True when the failure, or one of its causes, is a database wait that reached its bound. */
    public static boolean isTemporary(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || QUERY_CANCELED.equals(e.getSQLState())
                            || POOL_EXHAUSTED.equals(e.getMessage())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
