package cloud.swas.db;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Await;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One image row locked until 40 concurrent duplicates of one ClientToken have all been admitted and all but the
 * first have given up at the ClientToken wait bound (5 s; the row lock's timeout is 10 s): they get only 200 or
 * 409, and while they wait they hold no pooled connection and wait for no lock in PostgreSQL (only the first call
 * does), so another account's calls keep succeeding meanwhile. Default configuration (pool of 16 connections).
 *
 * <p>Every step waits for its condition, not for a time: the precondition (all 40 inside, the bound passed while
 * the row was held) is checked, and nothing asserts how fast a call was (a loaded machine may be slow, but a
 * starved pool answers 503, and duplicates waiting in the database show as lock waiters).
 */
@QuarkusTest
class BusyImageRowTest {

    private static final int DUPLICATES = 40;

    @Inject
    Db db;

    private long lockWaiters() {
        return db.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'");
    }

    @Test
    void duplicatesOfOneTokenNeitherFailNorStarveOtherAccounts() throws Exception {
        String busy = Api.createImage(TestAccount.A, "cn-hangzhou", "busy-row-" + UUID.randomUUID());
        String elsewhere = Api.createImage(TestAccount.B, "cn-hangzhou", "not-busy-" + UUID.randomUUID());
        String token = UUID.randomUUID().toString();
        String noncePrefix = "busy-" + token + "-";
        List<Integer> otherStatuses = new ArrayList<>();
        List<Long> lockWaitersSeen = new ArrayList<>();
        List<CompletableFuture<Response>> duplicates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(DUPLICATES);
        try (Db.RowLock held = db.lock("SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE",
                TestAccount.A.accountId(), busy)) {
            for (int i = 0; i < DUPLICATES; i++) {
                String nonce = noncePrefix + i;
                duplicates.add(CompletableFuture.supplyAsync(() -> Api.call(TestAccount.A, "ModifyImageShareStatus")
                        .param("RegionId", "cn-hangzhou").param("ImageId", busy).param("Operation", "Share")
                        .param("ClientToken", token).param("SignatureNonce", nonce).post(), pool));
            }
            db.awaitLockWaiters(1, Duration.ofSeconds(30));
            Await.until("all " + DUPLICATES + " duplicates admitted", () -> db.count(
                    "SELECT count(*) FROM signature_nonce WHERE account_id = ? AND nonce LIKE ?",
                    TestAccount.A.accountId(), noncePrefix + "%") == DUPLICATES, Duration.ofSeconds(60));
            // The other account calls until every duplicate but the one in the database has given up at the bound.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int i = 0;
            while (duplicates.stream().filter(CompletableFuture::isDone).count() < DUPLICATES - 1 || i < 6) {
                assertThat(System.nanoTime()).as("duplicates given up within 60 s").isLessThan(deadline);
                lockWaitersSeen.add(lockWaiters());
                Response other = i++ % 2 == 0
                        ? Api.call(TestAccount.B, "ListCustomImages").param("RegionId", "cn-hangzhou").post()
                        : Api.call(TestAccount.B, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                                .param("ImageId", elsewhere).param("Operation", i % 4 == 1 ? "Share" : "UnShare")
                                .param("ClientToken", UUID.randomUUID().toString()).post();
                otherStatuses.add(other.statusCode());
            }
            assertThat(duplicates).as("the first call still waits for the row").anyMatch(d -> !d.isDone());
        }
        List<Response> answers = new ArrayList<>();
        for (CompletableFuture<Response> duplicate : duplicates) {
            answers.add(duplicate.get(60, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        assertThat(answers).extracting(Response::statusCode).hasSize(DUPLICATES)
                .allSatisfy(s -> assertThat(s).isIn(200, 409));
        assertThat(answers).filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(r.jsonPath().getString("Code")).isEqualTo("LastTokenProcessing"));
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).isNotEmpty();
        assertThat(db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), busy)).isEqualTo(1);
        assertThat(lockWaitersSeen).as("sessions waiting for a lock while the duplicates waited: the first call's only")
                .allSatisfy(n -> assertThat(n).isEqualTo(1L));
        assertThat(otherStatuses).as("the other account's calls while the row was held").hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(s -> assertThat(s).isEqualTo(200));
    }
}
