package cloud.swas.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.api.ApiException;
import cloud.swas.auth.Caller;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Two admissions standing for two replicas, each with its own connection pool, share one database:
 * 40 concurrent calls of one account in one minute admit exactly 10.
 */
@QuarkusTest
class ReplicaLimitersTest {

    private static AgroalDataSource pool() throws Exception {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp.maxSize(8)
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(url)
                                .principal(new NamePrincipal(user))
                                .credential(new SimplePassword(password)))));
    }

    @Test
    void twoReplicasAdmitExactlyTheLimit() throws Exception {
        Clock minute = Clock.fixed(Instant.parse("2031-05-05T10:20:30Z"), ZoneOffset.UTC);
        long account = 777_000L + (System.nanoTime() % 1000);
        try (AgroalDataSource poolA = pool(); AgroalDataSource poolB = pool()) {
            Duration nonceLifetime = Duration.ofMinutes(15);
            List<Admission> replicas = List.of(new Admission(poolA, action -> 10, nonceLifetime, minute),
                    new Admission(poolB, action -> 10, nonceLifetime, minute));
            ExecutorService threads = Executors.newFixedThreadPool(40);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Admission replica = replicas.get(i % 2);
                Caller caller = new Caller(account, "AKREPLICA" + account, "nonce-" + i);
                calls.add(threads.submit(() -> {
                    start.await();
                    try {
                        replica.admit(caller, "ModifyImageShareStatus");
                        return true;
                    } catch (ApiException e) {
                        assertThat(e.error().code()).isEqualTo("Throttling.User");
                        return false;
                    }
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> call : calls) {
                admitted += call.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            threads.shutdown();
            assertThat(admitted).isEqualTo(10);
        }
    }
}
