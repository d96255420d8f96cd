package cloud.swas.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.transaction.RollbackException;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.io.EOFException;
import java.time.Duration;
import javax.transaction.xa.XAException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** What counts as temporary, checked against the real failures of Agroal and PostgreSQL, not their texts alone. */
@QuarkusTest
class DatabaseFailuresTest {

    @Inject
    DatabaseFailures failures;

    @Test
    void anExhaustedPoolIsTemporary() throws Exception {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        try (AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp.maxSize(1).acquisitionTimeout(Duration.ofMillis(100))
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(url).principal(new NamePrincipal(user))
                                .credential(new SimplePassword(password)))));
             Connection held = pool.getConnection()) {
            Throwable exhausted = catchThrowable(pool::getConnection);
            assertThat(exhausted).isInstanceOf(SQLException.class);
            assertThat(failures.isTemporary(new IllegalStateException("wrapped", exhausted))).isTrue();
            assertThat(held.isValid(1)).isTrue();
        }
    }

    @Test
    void aStandbyRefusingWritesIsTemporaryAndAnOrdinaryErrorIsNot() {
        assertThat(failures.isTemporary(new SQLException("cannot execute INSERT in a read-only transaction", "25006")))
                .isTrue();
        assertThat(failures.isTemporary(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(failures.isTemporary(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(failures.isTemporary(new IllegalStateException("a bug"))).isFalse();
    }

    /**
     * A connection lost during COMMIT, as Narayana and Agroal report it (seen in CommitLossTest's log): the
     * driver's error is the cause of Agroal's XAException, which is only a suppressed exception of the
     * RollbackException that QuarkusTransaction wraps.
     */
    @Test
    void aConnectionLostDuringCommitIsTemporaryThoughOnlySuppressed() {
        PSQLException ended = new PSQLException(new ServerErrorMessage(
                "SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0"));
        PSQLException ioError = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new EOFException());

        assertThat(failures.isTemporary(commitFailure(ended))).isTrue();
        assertThat(failures.isTemporary(commitFailure(ioError))).isTrue();
        assertThat(failures.isTemporary(commitFailure(new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION))))
                .as("a permanent error, however wrapped").isFalse();
    }

    @Test
    void aCycleOfCausesAndSuppressedEndsTheWalk() {
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalStateException inner = new IllegalStateException("inner", outer);
        outer.addSuppressed(inner);
        outer.addSuppressed(outer.getSuppressed()[0]);
        assertThat(failures.isTemporary(outer)).isFalse();

        SQLException first = new SQLException("first", "23505");
        SQLException second = new SQLException("second", "42601");
        first.setNextException(second);
        second.initCause(first);
        second.addSuppressed(new SQLException("standby", "25006"));
        assertThat(failures.isTemporary(first)).as("found past a cycle, through a next exception's suppressed one")
                .isTrue();
    }

    private static QuarkusTransactionException commitFailure(SQLException driverError) {
        XAException xa = new XAException("Error trying to transactionCommit local transaction: "
                + driverError.getMessage());
        xa.errorCode = XAException.XA_RBCOMMFAIL;
        xa.initCause(driverError);
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        return new QuarkusTransactionException(rollback);
    }
}
