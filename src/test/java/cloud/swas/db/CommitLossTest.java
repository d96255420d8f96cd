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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A primary failing over while a call commits: the server ends the call's connection during its COMMIT. The
 * driver's error then reaches the service wrapped by the transaction manager (QuarkusTransactionException,
 * RollbackException, XAException), and the call is still answered 503 ServiceUnavailable with
 * {@code x-acs-retry-after}, never 500.
 *
 * <p>Deterministic: a deferred constraint trigger, fired at COMMIT by this test's image name only, waits for an
 * advisory lock the test holds; the test ends that backend while it waits, then lets go.
 */
@QuarkusTest
class CommitLossTest {

    @Inject
    Db db;

    @Test
    void aConnectionLostDuringCommitIsServiceUnavailable() throws Exception {
        String suffix = Long.toString(System.nanoTime());
        String function = "commit_loss_wait_" + suffix;
        String trigger = "commit_loss_" + suffix;
        String imageName = "commit-loss-" + suffix;
        long lockKey = ThreadLocalRandom.current().nextLong();
        db.execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "PERFORM pg_advisory_xact_lock(" + lockKey + "); RETURN NULL; END $$");
        db.execute("CREATE CONSTRAINT TRIGGER " + trigger + " AFTER INSERT ON custom_image "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.name = '" + imageName + "') "
                + "EXECUTE FUNCTION " + function + "()");
        Response answer;
        try {
            CompletableFuture<Response> call;
            try (Db.RowLock held = db.lock("SELECT pg_advisory_xact_lock(" + lockKey + ")")) {
                call = CompletableFuture.supplyAsync(() -> create(imageName));
                Await.until("the call's COMMIT waits for the advisory lock", () -> !committingBackends(lockKey).isEmpty(),
                        Duration.ofSeconds(30));
                List<Object> backends = committingBackends(lockKey);
                assertThat(backends).as("the one call committing").hasSize(1);
                assertThat(db.single("SELECT pg_terminate_backend(?)", ((Number) backends.get(0)).intValue()))
                        .as("backend ended during COMMIT").isEqualTo(true);
            }
            answer = call.get(60, TimeUnit.SECONDS);
        } finally {
            db.execute("DROP TRIGGER IF EXISTS " + trigger + " ON custom_image");
            db.execute("DROP FUNCTION IF EXISTS " + function + "()");
        }

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
        assertThat(answer.jsonPath().getString("Code")).isEqualTo("ServiceUnavailable");
        assertThat(answer.header("x-acs-retry-after")).isNotBlank();
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND name = ?",
                TestAccount.A.accountId(), imageName)).as("the transaction did not commit").isZero();
        // The client's retry, after the pool let go of the dead connection, succeeds.
        Await.until("a retry succeeds", () -> create(imageName).statusCode() == 200, Duration.ofSeconds(30));
    }

    private static Response create(String imageName) {
        return Api.call(TestAccount.A, "CreateCustomImage").param("RegionId", "cn-hangzhou")
                .param("ImageName", imageName).param("InstanceId", "i-commit").param("SystemSnapshotId", "s-commit")
                .post();
    }

    /** Sessions whose COMMIT waits for the advisory lock on {@code key} (split in two 32-bit halves by PostgreSQL). */
    private List<Object> committingBackends(long key) {
        return db.column("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid() "
                + "AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                + "AND classid = ((? >> 32) & x'FFFFFFFF'::bigint)::oid AND objid = (? & x'FFFFFFFF'::bigint)::oid)",
                key, key);
    }
}
