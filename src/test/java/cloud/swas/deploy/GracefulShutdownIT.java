package cloud.swas.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Await;
import cloud.swas.support.PackagedService;
import cloud.swas.support.TestAccount;
import cloud.swas.support.TestDatabase;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core of the rolling-restart drill (scripts/drill-rolling-restart.py) on the packaged jar: on SIGTERM
 * readiness turns DOWN at once while the service still answers, a call in flight finishes with its answer,
 * and only then are new connections refused.
 */
class GracefulShutdownIT {

    private static TestDatabase database;

    @BeforeAll
    static void database() {
        database = TestDatabase.acquire();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void sigtermTurnsReadinessDownFinishesTheCallInFlightThenStops() throws Exception {
        TestAccount account = TestAccount.fresh("GRACEFUL");
        try (PackagedService service = PackagedService.start(database,
                new PackagedService.Options("graceful-shutdown-it").accounts(account), Duration.ofSeconds(60))) {
            RestAssured.port = service.port();
            String imageId = Api.createImage(account, "cn-hangzhou", "graceful-" + System.nanoTime());

            CompletableFuture<Response> inFlight;
            try (Connection db = database.connect()) {
                db.setAutoCommit(false);
                try (PreparedStatement lock = db.prepareStatement(
                        "SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE")) {
                    lock.setLong(1, account.accountId());
                    lock.setString(2, imageId);
                    lock.executeQuery().close();
                }
                inFlight = CompletableFuture.supplyAsync(() -> Api.call(account, "ModifyImageShareStatus")
                        .param("RegionId", "cn-hangzhou").param("ImageId", imageId).param("Operation", "Share").post());
                // The call is in flight once its statement waits for the row this transaction holds.
                Await.until("the call waits for the image's row lock", () -> waitingForLock(db), Duration.ofSeconds(20));

                service.terminate();
                Await.until("readiness DOWN after SIGTERM", () -> service.status("/q/health/ready") == 503,
                        Duration.ofSeconds(10));
                assertThat(service.status("/q/health/live")).as("still answering").isEqualTo(200);
                assertThat(inFlight).as("the call in flight waits for its row").isNotDone();
                db.commit();
            }
            assertThat(inFlight.get(20, TimeUnit.SECONDS).statusCode()).as("the call in flight finished").isEqualTo(200);
            assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).as("stopped after the call").isTrue();
            assertThat(service.status("/q/health/live")).as("no longer accepting connections").isEqualTo(-1);
        } finally {
            RestAssured.reset();
        }
    }

    /** True while another session waits for a lock that this connection's transaction holds. */
    private static boolean waitingForLock(Connection db) {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
