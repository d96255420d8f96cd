package cloud.swas.db;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Concurrently;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One image row locked for 8 s (longer than the ClientToken wait bound of 5 s, shorter than the lock
 * timeout of 10 s): 40 concurrent duplicates of one ClientToken get only 200 or 409 and hold no pooled
 * connection while they wait, so another account's calls keep succeeding meanwhile, each well within 2 s.
 * Default configuration (pool of 16 connections).
 */
@QuarkusTest
class BusyImageRowTest {

    private static final Duration HELD = Duration.ofSeconds(8);
    private static final Duration OTHERS_BOUND = Duration.ofSeconds(2);

    @Inject
    Db db;

    @Test
    void duplicatesOfOneTokenNeitherFailNorStarveOtherAccounts() throws Exception {
        String busy = Api.createImage(TestAccount.A, "cn-hangzhou", "busy-row");
        String elsewhere = Api.createImage(TestAccount.B, "cn-hangzhou", "not-busy");
        String token = UUID.randomUUID().toString();
        List<Long> otherMillis = new ArrayList<>();
        List<Integer> otherStatuses = new ArrayList<>();
        CompletableFuture<List<Response>> duplicates;
        try (Db.RowLock held = db.lock("SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE",
                TestAccount.A.accountId(), busy)) {
            long releaseAt = System.nanoTime() + HELD.toNanos();
            duplicates = CompletableFuture.supplyAsync(() -> {
                try {
                    return Concurrently.run(40, i -> Api.call(TestAccount.A, "ModifyImageShareStatus")
                            .param("RegionId", "cn-hangzhou").param("ImageId", busy).param("Operation", "Share")
                            .param("ClientToken", token).post());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            db.awaitLockWaiters(1, Duration.ofSeconds(30));
            int i = 0;
            while (System.nanoTime() < releaseAt) {
                long started = System.nanoTime();
                Response other = i++ % 2 == 0
                        ? Api.call(TestAccount.B, "ListCustomImages").param("RegionId", "cn-hangzhou").post()
                        : Api.call(TestAccount.B, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                                .param("ImageId", elsewhere).param("Operation", i % 4 == 1 ? "Share" : "UnShare")
                                .param("ClientToken", UUID.randomUUID().toString()).post();
                otherMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                otherStatuses.add(other.statusCode());
                Thread.sleep(200);
            }
        }
        List<Response> answers = duplicates.get(60, TimeUnit.SECONDS);

        assertThat(answers).extracting(Response::statusCode).hasSize(40).allSatisfy(s -> assertThat(s).isIn(200, 409));
        assertThat(answers).filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(r.jsonPath().getString("Code")).isEqualTo("LastTokenProcessing"));
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).isNotEmpty();
        assertThat(db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), busy)).isEqualTo(1);
        assertThat(otherStatuses).as("the other account's calls while the row was held").hasSizeGreaterThan(5)
                .allSatisfy(s -> assertThat(s).isEqualTo(200));
        assertThat(otherMillis).allSatisfy(ms -> assertThat(ms).isLessThan(OTHERS_BOUND.toMillis()));
    }
}
