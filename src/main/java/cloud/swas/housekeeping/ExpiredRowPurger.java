package cloud.swas.housekeeping;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes rows whose expiry column lies in the past, in bounded batches, each its own short
 * transaction: a large backlog never holds many locks or a long transaction. Used by every
 * capability that keeps short-lived rows (nonces, idempotency tokens, throttle windows).
 */
@ApplicationScoped
public class ExpiredRowPurger {

    private static final Logger LOG = Logger.getLogger(ExpiredRowPurger.class);

    private final AgroalDataSource dataSource;

    ExpiredRowPurger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param table        a table name from code, never from input
     * @param expiryColumn its timestamp column; rows with a value at or before the database's {@code now()}
     *                     minus {@code grace} go. The database's clock, not this replica's: a replica whose
     *                     clock runs ahead must not delete what the others still rely on.
     * @return the number of rows deleted; on a database failure the purge stops and is retried next run
     */
    public int purge(String table, String expiryColumn, Duration grace, int batchSize) {
        String sql = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table
                + " WHERE " + expiryColumn + " <= now() - ? * interval '1 millisecond' LIMIT ?))";
        int total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int deleted;
            do {
                s.setLong(1, grace.toMillis());
                s.setInt(2, batchSize);
                deleted = s.executeUpdate();
                total += deleted;
            } while (deleted == batchSize);
        } catch (SQLException e) {
            LOG.warnf("Purge of %s stopped after %d rows; it is retried on the next run: %s", table, total,
                    e.getMessage());
        }
        if (total > 0) {
            LOG.debugf("Purged %d expired rows from %s", total, table);
        }
        return total;
    }
}
