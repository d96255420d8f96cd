package cloud.swas.ram;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The RAM actions' plain JDBC: every statement runs on the connection of the transaction the pipeline opened
 * for the call (an Agroal connection taken inside it joins it), so an action's reads, locks and writes commit or
 * roll back together, and a refusal thrown half-way leaves nothing behind.
 */
@ApplicationScoped
class RamDb {

    /** Work on the call's connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    RamDb(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("RAM statement failed", e);
        }
    }
}
