package cloud.swas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.db.Housekeeping;
import cloud.swas.support.Api;
import cloud.swas.support.Concurrently;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.MutableClock;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A short TTL and a short wait bound: expired tokens are purged and reusable; duplicates of a call that is
 * visibly still running give up at the bound, and the call itself is not hurt by that bound.
 */
@QuarkusTest
@TestProfile(TokenExpiryAndBoundTest.ShortLived.class)
class TokenExpiryAndBoundTest {

    public static class ShortLived implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swas.idempotency.ttl", "30s",
                    "swas.idempotency.wait-bound", "300ms");
        }
    }

    @Inject
    Db db;

    @Inject
    Housekeeping housekeeping;

    private static Api modify(String imageId, String operation, String token) {
        return Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", operation).param("ClientToken", token);
    }

    private long tokenRows(String token) {
        return db.count("SELECT count(*) FROM idempotency_token WHERE account_id = ? AND client_token = ?",
                TestAccount.A.accountId(), token);
    }

    private Db.RowLock lockImage(String imageId) {
        return db.lock("SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE",
                TestAccount.A.accountId(), imageId);
    }

    private List<Object> history(String imageId) {
        return db.column("SELECT operation FROM image_share_history WHERE account_id = ? AND image_id = ? "
                + "ORDER BY version", TestAccount.A.accountId(), imageId);
    }

    /**
     * The service's clock stands a minute back (well within the signature window) while the token is
     * stored, so its 30 s have passed when the test looks: no waiting.
     */
    @Test
    void expiredTokenIsPurgedAndUsableAfresh() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "ttl-token");
        String token = UUID.randomUUID().toString();
        QuarkusMock.installMockForType(new MutableClock(Instant.now().minus(Duration.ofMinutes(1))), Clock.class);
        String first = modify(imageId, "Share", token).post().then().statusCode(200).extract().path("RequestId");
        assertThat(tokenRows(token)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM idempotency_token WHERE account_id = ? AND client_token = ? "
                + "AND expires_at - created_at = interval '30 seconds' AND expires_at < now()",
                TestAccount.A.accountId(), token)).isEqualTo(1);

        housekeeping.purgeExpired();
        assertThat(tokenRows(token)).as("purged once expired").isZero();

        // Other parameters with the same token: a new request, not a mismatch.
        Response again = modify(imageId, "UnShare", token).post();
        again.then().statusCode(200);
        assertThat(again.header("x-acs-idempotent-replayed")).isNull();
        assertThat(again.jsonPath().getString("RequestId")).isNotEqualTo(first);
        assertThat(history(imageId)).containsExactly("Share", "UnShare");
    }

    /**
     * The first call waits for a locked image row; once it visibly waits, its duplicates are sent: each
     * waits the bound (300 ms) and gets LastTokenProcessing. When the row is free the first call completes,
     * and a later duplicate gets its outcome replayed.
     */
    @Test
    void duplicatesOfACallStillRunningGetLastTokenProcessingAtTheBound() throws Exception {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "slow-first");
        String token = UUID.randomUUID().toString();
        CompletableFuture<Response> first;
        List<Response> duplicates;
        try (Db.RowLock held = lockImage(imageId)) {
            first = CompletableFuture.supplyAsync(() -> modify(imageId, "Share", token).post());
            db.awaitLockWaiters(1, Duration.ofSeconds(30));
            duplicates = Concurrently.run(8, i -> modify(imageId, "Share", token).post());
        }
        Response original = first.get(30, TimeUnit.SECONDS);

        original.then().statusCode(200);
        assertThat(duplicates).hasSize(8).allSatisfy(r -> ErrorAssertions.assertJsonError(r, 409,
                "LastTokenProcessing", "The last token request is processing."));
        Response later = modify(imageId, "Share", token).post();
        later.then().statusCode(200).header("x-acs-idempotent-replayed", "true");
        assertThat(later.jsonPath().getString("RequestId")).isEqualTo(original.jsonPath().getString("RequestId"));
        assertThat(history(imageId)).containsExactly("Share");
    }

    /**
     * The wait bound is for duplicates only: a call with a token whose image row is busy for longer than the
     * bound waits for it like a call without one, and succeeds.
     */
    @Test
    void aBusyImageRowOutlastingTheBoundDoesNotFailTheCallWithAToken() throws Exception {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "busy-row-token");
        CompletableFuture<Response> call;
        try (Db.RowLock held = lockImage(imageId)) {
            call = CompletableFuture.supplyAsync(() -> modify(imageId, "Share", UUID.randomUUID().toString()).post());
            // Until PostgreSQL has seen the call wait for the row for more than three times the bound.
            db.awaitLockWaitersFor(1, Duration.ofMillis(1_000), Duration.ofSeconds(30));
        }
        call.get(30, TimeUnit.SECONDS).then().statusCode(200);
        assertThat(history(imageId)).containsExactly("Share");
    }

    /**
     * An expired token is free again even before the purge has removed it (section 7: kept 24 hours, here 30 s):
     * the same parameters run again rather than replay, and other parameters are a new call, not a mismatch.
     */
    @Test
    void anExpiredTokenIsFreeBeforeThePurge() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "expired-unpurged-" + UUID.randomUUID());
        String token = UUID.randomUUID().toString();
        MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofMinutes(2)));
        QuarkusMock.installMockForType(clock, Clock.class);
        String first = modify(imageId, "Share", token).post().then().statusCode(200).extract().path("RequestId");
        clock.advance(Duration.ofSeconds(40));
        // Unshared meanwhile without the token, so a second Share with the expired token has work to do.
        Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou").param("ImageId", imageId)
                .param("Operation", "UnShare").post().then().statusCode(200);
        assertThat(tokenRows(token)).as("expired but not purged").isEqualTo(1);

        Response same = modify(imageId, "Share", token).post();
        same.then().statusCode(200);
        assertThat(same.header("x-acs-idempotent-replayed")).isNull();
        assertThat(same.jsonPath().getString("RequestId")).isNotEqualTo(first);
        assertThat(history(imageId)).containsExactly("Share", "UnShare", "Share");

        clock.advance(Duration.ofSeconds(40));
        Response other = modify(imageId, "UnShare", token).post();
        other.then().statusCode(200);
        assertThat(other.header("x-acs-idempotent-replayed")).isNull();
        assertThat(history(imageId)).containsExactly("Share", "UnShare", "Share", "UnShare");
        // And within its new 30 s the token replays again.
        Response replay = modify(imageId, "UnShare", token).post();
        replay.then().statusCode(200).header("x-acs-idempotent-replayed", "true");
        assertThat(replay.jsonPath().getString("RequestId")).isEqualTo(other.jsonPath().getString("RequestId"));
    }
}
