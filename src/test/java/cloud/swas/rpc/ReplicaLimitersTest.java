package cloud.swas.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.api.ApiException;
import cloud.swas.auth.AuthConfig;
import cloud.swas.auth.Caller;
import cloud.swas.auth.Nonces;
import cloud.swas.db.DatabaseConfig;
import cloud.swas.image.ModifyImageShareStatus;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import cloud.swas.throttle.Throttle;
import cloud.swas.throttle.ThrottleConfig;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two admissions standing for two replicas, each with its own connection pool, its own clock (the second
 * 30 s ahead of the first) and its own memory of full windows, share one database: 40 concurrent calls of
 * one account admit exactly 10, and every refusal's x-acs-retry-after is the time left in the database's
 * minute.
 */
@QuarkusTest
class ReplicaLimitersTest {

    private static final Duration SKEW = Duration.ofSeconds(30);

    @Inject
    ModifyImageShareStatus modifyImageShareStatus;

    @Inject
    Db db;

    @Inject
    AuthConfig authConfig;

    @Inject
    DatabaseConfig databaseConfig;

    private final TestAccount account = TestAccount.fresh("REPLICA");

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

    /** The seed's limit of 10 calls a minute for every action. */
    private static ThrottleConfig seedLimit() {
        return new ThrottleConfig() {
            @Override
            public int defaultPerMinute() {
                return 10;
            }

            @Override
            public Map<String, ActionLimit> actions() {
                return Map.of();
            }

            @Override
            public Map<String, ProductLimit> products() {
                return Map.of();
            }
        };
    }

    private Admission replica(AgroalDataSource pool, Clock clock) {
        return new Admission(pool, new Nonces(pool, authConfig, databaseConfig, clock), new Throttle(seedLimit()));
    }

    @AfterEach
    void cleanUp() {
        db.update("DELETE FROM throttle_window WHERE account_id = ?", account.accountId());
        db.update("DELETE FROM signature_nonce WHERE account_id = ?", account.accountId());
    }

    /**
     * Starts in the second half of the database's minute (and not in its last 10 s), so that the replica
     * 30 s ahead is in the next minute by its own clock, while the database's minute lasts the whole test.
     */
    private void awaitSecondHalfOfTheDatabaseMinute() throws InterruptedException {
        while (true) {
            double second = ((Number) db.single("SELECT extract(second FROM now())")).doubleValue();
            if (second >= 30 && second <= 50) {
                return;
            }
            Thread.sleep(second < 30 ? (long) ((30 - second) * 1000) : (long) ((61 - second) * 1000));
        }
    }

    @Test
    void twoReplicasWithClocks30SecondsApartAdmitExactlyTheLimit() throws Exception {
        awaitSecondHalfOfTheDatabaseMinute();
        Clock behind = Clock.systemUTC();
        Clock ahead = Clock.offset(behind, SKEW);
        try (AgroalDataSource poolA = pool(); AgroalDataSource poolB = pool()) {
            List<Admission> replicas = List.of(replica(poolA, behind), replica(poolB, ahead));
            ExecutorService threads = Executors.newFixedThreadPool(40);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Admission replica = replicas.get(i % 2);
                Caller caller = new Caller(account.accountId(), account.accessKeyId(), "nonce-" + i, Instant.now());
                calls.add(threads.submit(() -> {
                    start.await();
                    try {
                        replica.admit(caller, modifyImageShareStatus);
                        return 0L;
                    } catch (ApiException e) {
                        assertThat(e.error().code()).isEqualTo("Throttling.User");
                        return Long.parseLong(e.headers().get("x-acs-retry-after"));
                    }
                }));
            }
            start.countDown();
            List<Long> retryAfters = new ArrayList<>();
            for (Future<Long> call : calls) {
                retryAfters.add(call.get(30, TimeUnit.SECONDS));
            }
            threads.shutdown();
            long leftInMinute = ((Number) db.single(
                    "SELECT extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now()) * 1000"))
                    .longValue();

            assertThat(retryAfters.stream().filter(r -> r == 0)).as("admitted calls").hasSize(10);
            assertThat(retryAfters.stream().filter(r -> r > 0)).as("refusals' x-acs-retry-after")
                    .hasSize(30).allSatisfy(r -> assertThat(r).isBetween(leftInMinute - 500, leftInMinute + 5_000));
            assertThat(db.count("SELECT sum(calls) FROM throttle_window WHERE account_id = ?", account.accountId()))
                    .isEqualTo(10);
            assertThat(db.count("SELECT count(*) FROM throttle_window WHERE account_id = ?", account.accountId()))
                    .as("one window row, the database's minute").isEqualTo(1);
        }
    }
}
