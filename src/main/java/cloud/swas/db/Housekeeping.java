package cloud.swas.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes expired rows of every {@link ExpiringRows} table, in bounded batches, each its own short
 * statement: a large backlog never holds many locks or a long transaction. Correctness never depends on it
 * having run (an expired row is reclaimed in place); it only keeps the tables small.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final AgroalDataSource dataSource;
    private final Instance<ExpiringRows> tables;
    private final int batchSize;

    Housekeeping(AgroalDataSource dataSource, @Any Instance<ExpiringRows> tables, DatabaseConfig config) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.batchSize = config.purgeBatchSize();
    }

    @Scheduled(every = "${swas.db.purge-every:60s}", delayed = "${swas.db.purge-delay:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void purgeExpired() {
        for (ExpiringRows table : tables) {
            purge(table.table(), table.expiryColumn(), table.grace());
        }
    }

    /**
     * Uses the database's clock, not this replica's: a replica whose clock runs ahead must not delete what
     * the others still rely on. On a database failure the purge stops and is retried next run.
     */
    private void purge(String table, String expiryColumn, Duration grace) {
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
    }
}
