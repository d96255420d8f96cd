package cloud.swas.rpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Await;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The overload bound, made small: one call at a time, one waiting, 2 s of waiting (long enough for the test to
 * see the waiting room full before a third call arrives, on however busy a machine). A call that cannot get
 * its turn in time, or finds the waiting room full, is answered 503 ServiceUnavailable with x-acs-retry-after,
 * quickly; readiness stays UP meanwhile; the call that had its turn completes.
 */
@QuarkusTest
@TestProfile(OverloadTest.Tight.class)
class OverloadTest {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swas.overload.max-concurrent-calls", "1", "swas.overload.max-waiting-calls", "1",
                    "swas.overload.max-wait", "2s", "swas.overload.retry-after", "2s");
        }
    }

    private static final String MESSAGE = "The request has failed due to a temporary failure of the server.";

    @Inject
    Db db;

    @Inject
    OverloadGuard guard;

    private static Api share(String imageId) {
        return Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "Share");
    }

    @Test
    void callsBeyondTheBoundAreAnsweredQuicklyWith503() throws Exception {
        String busy = Api.createImage(TestAccount.A, "cn-hangzhou", "overload-" + System.nanoTime());
        CompletableFuture<Response> running;
        CompletableFuture<Response> waiting;
        Response refusedAtOnce;
        long waitedMillis;
        try (Db.RowLock held = db.lock("SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE",
                TestAccount.A.accountId(), busy)) {
            running = CompletableFuture.supplyAsync(() -> share(busy).post());
            db.awaitLockWaiters(1, Duration.ofSeconds(30));
            long started = System.nanoTime();
            waiting = CompletableFuture.supplyAsync(() -> Api.call(TestAccount.B, "ListCustomImages")
                    .param("RegionId", "cn-hangzhou").post());
            Await.until("the second call waits in the waiting room", guard::saturated, Duration.ofSeconds(30));
            refusedAtOnce = Api.call(TestAccount.C, "ListCustomImages").param("RegionId", "cn-hangzhou").post();
            assertThat(waiting).as("the second call still waited when the third was refused").isNotDone();
            Response refusedAfterWaiting = waiting.get(30, TimeUnit.SECONDS);
            waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            given().get("/q/health/ready").then().statusCode(200);

            ErrorAssertions.assertJsonError(refusedAfterWaiting, 503, "ServiceUnavailable", MESSAGE);
            assertThat(refusedAfterWaiting.header("x-acs-retry-after")).isEqualTo("2000");
        }
        ErrorAssertions.assertJsonError(refusedAtOnce, 503, "ServiceUnavailable", MESSAGE);
        assertThat(refusedAtOnce.header("x-acs-retry-after")).isEqualTo("2000");
        assertThat(waitedMillis).as("the waiting call was refused once its 2 s were up, not when the turn came")
                .isLessThan(5_000);
        running.get(30, TimeUnit.SECONDS).then().statusCode(200);
        Api.call(TestAccount.B, "ListCustomImages").param("RegionId", "cn-hangzhou").post().then().statusCode(200);
    }
}
