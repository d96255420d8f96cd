package cloud.swas.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

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
}
