package cloud.swas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cloud.swas.api.ApiException;
import cloud.swas.api.CallContext;
import cloud.swas.support.Api;
import cloud.swas.support.Await;
import cloud.swas.support.Concurrently;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ClientToken semantics of contract section 7, under races. */
@QuarkusTest
class ClientTokenTest {

    @Inject
    Db db;

    @Inject
    ClientTokens tokens;

    private static Api modify(TestAccount account, String imageId, String operation, String token) {
        return Api.call(account, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", operation).param("ClientToken", token);
    }

    private static String token() {
        return UUID.randomUUID().toString();
    }

    private long historyRows(TestAccount account, String imageId) {
        return db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId);
    }

    @Test
    void concurrentDuplicatesTakeEffectOnce() throws Exception {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "race-share");
        String token = token();

        List<Response> responses = Concurrently.run(32, i -> modify(TestAccount.A, imageId, "Share", token).post());

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(responses.stream().map(r -> r.jsonPath().getString("RequestId")).distinct()).hasSize(1);
        assertThat(responses.stream().map(r -> r.header("x-acs-request-id")).distinct()).hasSize(1);
        assertThat(responses.stream().filter(r -> "true".equals(r.header("x-acs-idempotent-replayed")))).hasSize(31);
        assertThat(historyRows(TestAccount.A, imageId)).isEqualTo(1);
    }

    @Test
    void concurrentCreatesMakeOneImage() throws Exception {
        String token = token();
        String name = "race-create-" + System.nanoTime();

        List<Response> responses = Concurrently.run(32, i -> Api.call(TestAccount.B, "CreateCustomImage")
                .param("RegionId", "cn-hangzhou").param("ImageName", name).param("InstanceId", "i-race")
                .param("SystemSnapshotId", "s-race").param("ClientToken", token).post());

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        List<String> imageIds = responses.stream().map(r -> r.jsonPath().getString("ImageId")).distinct().toList();
        assertThat(imageIds).hasSize(1);
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND name = ?",
                TestAccount.B.accountId(), name)).isEqualTo(1);
        assertThat(db.single("SELECT image_id FROM custom_image WHERE account_id = ? AND name = ?",
                TestAccount.B.accountId(), name)).isEqualTo(imageIds.get(0));
    }

    @Test
    void replayReturnsTheFirstOutcomeInTheFormatAskedFor() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "replay-format");
        String token = token();
        Response first = modify(TestAccount.A, imageId, "Share", token).post();
        first.then().statusCode(200);
        assertThat(first.header("x-acs-idempotent-replayed")).isNull();

        Response replay = modify(TestAccount.A, imageId, "Share", token).xml().post();
        replay.then().statusCode(200).header("x-acs-idempotent-replayed", "true")
                .header("Content-Type", "application/xml;charset=utf-8");
        String firstRequestId = first.jsonPath().getString("RequestId");
        assertThat(new XmlPath(replay.asString()).getString("ModifyImageShareStatusResponse.RequestId"))
                .isEqualTo(firstRequestId);
        assertThat(replay.header("x-acs-request-id")).isEqualTo(firstRequestId);
        assertThat(historyRows(TestAccount.A, imageId)).isEqualTo(1);
    }

    @Test
    void replayedCreateReturnsTheSameImageAndCreatesNothing() {
        String token = token();
        String name = "replay-create-" + System.nanoTime();
        Api create = Api.call(TestAccount.A, "CreateCustomImage").param("RegionId", "cn-hangzhou")
                .param("ImageName", name).param("InstanceId", "i-1").param("SystemSnapshotId", "s-1")
                .param("ClientToken", token);
        String first = create.post().then().statusCode(200).extract().path("ImageId");
        String again = Api.call(TestAccount.A, "CreateCustomImage").param("RegionId", "cn-hangzhou")
                .param("ImageName", name).param("InstanceId", "i-1").param("SystemSnapshotId", "s-1")
                .param("ClientToken", token).get()
                .then().statusCode(200).header("x-acs-idempotent-replayed", "true").extract().path("ImageId");
        assertThat(again).isEqualTo(first);
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND name = ?",
                TestAccount.A.accountId(), name)).isEqualTo(1);
    }

    @Test
    void sameTokenWithOtherParametersIsAMismatch() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "mismatch-a");
        String otherImage = Api.createImage(TestAccount.A, "cn-hangzhou", "mismatch-b");
        String token = token();
        modify(TestAccount.A, imageId, "Share", token).post().then().statusCode(200);

        modify(TestAccount.A, otherImage, "Share", token).post().then().statusCode(400)
                .body("Code", equalTo("IdempotentParameterMismatch"))
                .body("Message", equalTo("The specified parameters are different from before."));
        modify(TestAccount.A, imageId, "UnShare", token).post().then().statusCode(400)
                .body("Code", equalTo("IdempotentParameterMismatch"));
        Api.call(TestAccount.A, "CreateCustomImage").param("RegionId", "cn-hangzhou").param("ImageName", "other-action")
                .param("InstanceId", "i-1").param("SystemSnapshotId", "s-1").param("ClientToken", token).post()
                .then().statusCode(400).body("Code", equalTo("IdempotentParameterMismatch"));

        assertThat(historyRows(TestAccount.A, imageId)).isEqualTo(1);
        assertThat(historyRows(TestAccount.A, otherImage)).isZero();
        assertThat(db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId)).isEqualTo(true);
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND name = 'other-action'",
                TestAccount.A.accountId())).isZero();
    }

    @Test
    void failedRequestLeavesItsTokenFree() {
        String imageId = "m-later" + Long.toString(System.nanoTime(), 36);
        String token = token();
        modify(TestAccount.A, imageId, "Share", token).post().then().statusCode(404)
                .body("Code", equalTo("InvalidImageId.NotFound"));
        assertThat(db.count("SELECT count(*) FROM idempotency_token WHERE account_id = ? AND client_token = ?",
                TestAccount.A.accountId(), token)).isZero();

        db.execute("INSERT INTO custom_image (account_id, image_id, region_id, name) VALUES ("
                + TestAccount.A.accountId() + ", '" + imageId + "', 'cn-hangzhou', 'appears-later')");

        modify(TestAccount.A, imageId, "Share", token).post().then().statusCode(200);
        assertThat(historyRows(TestAccount.A, imageId)).isEqualTo(1);
    }

    @Test
    void tokensAreScopedByAccount() {
        String imageOfA = Api.createImage(TestAccount.A, "cn-hangzhou", "scope-a");
        String imageOfB = Api.createImage(TestAccount.B, "cn-hangzhou", "scope-b");
        String token = token();

        String requestA = modify(TestAccount.A, imageOfA, "Share", token).post()
                .then().statusCode(200).extract().path("RequestId");
        Response b = modify(TestAccount.B, imageOfB, "Share", token).post();

        b.then().statusCode(200);
        assertThat(b.header("x-acs-idempotent-replayed")).isNull();
        assertThat(b.jsonPath().getString("RequestId")).isNotEqualTo(requestA);
        assertThat(historyRows(TestAccount.A, imageOfA)).isEqualTo(1);
        assertThat(historyRows(TestAccount.B, imageOfB)).isEqualTo(1);
    }

    @Test
    void tokenIsStoredWithItsFingerprintAndExpiry() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "stored-token");
        String token = token();
        String requestId = modify(TestAccount.A, imageId, "Share", token).post()
                .then().statusCode(200).extract().path("RequestId");

        assertThat(db.single("SELECT request_id FROM idempotency_token WHERE account_id = ? AND client_token = ?",
                TestAccount.A.accountId(), token)).isEqualTo(requestId);
        assertThat(db.count("SELECT count(*) FROM idempotency_token WHERE account_id = ? AND client_token = ? "
                + "AND expires_at BETWEEN now() + interval '23 hours' AND now() + interval '25 hours' "
                + "AND length(fingerprint) = 64 AND response LIKE '%" + requestId + "%'",
                TestAccount.A.accountId(), token)).isEqualTo(1);
    }

    /** RegionId is one of the parameters that make two calls the same (section 7). */
    @Test
    void sameTokenInAnotherRegionIsAMismatch() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "mismatch-region-" + token().substring(0, 8));
        String token = token();
        modify(TestAccount.A, imageId, "Share", token).post().then().statusCode(200);
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-shanghai")
                        .param("ImageId", imageId).param("Operation", "Share").param("ClientToken", token).post(), 400,
                "IdempotentParameterMismatch", "The specified parameters are different from before.");
        assertThat(historyRows(TestAccount.A, imageId)).isEqualTo(1);
    }

    /**
     * Section 7: a duplicate that arrives while the first call is still running waits for it (the configured
     * bound, 5 s by default) and replays its outcome. The first call is held on a locked image row; the duplicate
     * is sent once the first visibly waits, and the row stays locked for 1 s after the duplicate was admitted:
     * a duplicate that gave up early (say after 100 ms) would answer LastTokenProcessing instead of the replay.
     */
    @Test
    void aDuplicateWaitsForASlowFirstCallAndGetsItsOutcome() throws Exception {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "slow-first-" + token().substring(0, 8));
        String token = token();
        String duplicateNonce = "duplicate-" + token;
        CompletableFuture<Response> first;
        CompletableFuture<Response> duplicate;
        try (Db.RowLock held = db.lock("SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE",
                TestAccount.A.accountId(), imageId)) {
            first = CompletableFuture.supplyAsync(() -> modify(TestAccount.A, imageId, "Share", token).post());
            db.awaitLockWaiters(1, Duration.ofSeconds(30));
            duplicate = CompletableFuture.supplyAsync(() -> modify(TestAccount.A, imageId, "Share", token)
                    .param("SignatureNonce", duplicateNonce).post());
            Await.until("the duplicate is admitted (its nonce claimed)", () -> db.count(
                    "SELECT count(*) FROM signature_nonce WHERE account_id = ? AND nonce = ?",
                    TestAccount.A.accountId(), duplicateNonce) == 1, Duration.ofSeconds(30));
            // Not a wait for a condition: the first call is kept slow, the situation under test.
            Thread.sleep(1_000);
            assertThat(duplicate).as("the duplicate waits while the first call runs").isNotDone();
        }
        Response original = first.get(30, TimeUnit.SECONDS);
        Response replay = duplicate.get(30, TimeUnit.SECONDS);
        original.then().statusCode(200);
        replay.then().statusCode(200).header("x-acs-idempotent-replayed", "true");
        assertThat(replay.jsonPath().getString("RequestId")).isEqualTo(original.jsonPath().getString("RequestId"));
        assertThat(replay.header("x-acs-request-id")).isEqualTo(original.jsonPath().getString("RequestId"));
        assertThat(historyRows(TestAccount.A, imageId)).isEqualTo(1);
    }

    private static CallContext context(TestAccount account) {
        return new CallContext(UUID.randomUUID().toString().toUpperCase(), "ModifyImageShareStatus", account.accountId(),
                account.accessKeyId(), Instant.now());
    }

    /**
     * Two replicas racing with one token (section 7: the table's unique constraint is the guard): two callers
     * that each claim in a transaction of their own, as two processes do, bypassing this replica's in-memory
     * one-at-a-time. The second claim waits in PostgreSQL for the first's uncommitted row; when the first
     * commits its outcome, the second replays it.
     */
    @Test
    void aClaimRacingAnotherReplicasUncommittedClaimReplaysItsOutcome() throws Exception {
        String token = token();
        String fingerprint = "f".repeat(64);
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<ClientTokens.Claim> first = CompletableFuture.supplyAsync(() ->
                QuarkusTransaction.requiringNew().call(() -> {
                    CallContext context = context(TestAccount.C);
                    ClientTokens.Claim claim = tokens.claim(context, token, fingerprint, tokens.deadline());
                    firstClaimed.countDown();
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    tokens.store(context, token, "{\"RequestId\":\"" + context.requestId() + "\"}");
                    return claim;
                }));
        assertThat(firstClaimed.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ClientTokens.Claim> second = CompletableFuture.supplyAsync(() ->
                QuarkusTransaction.requiringNew().call(() ->
                        tokens.claim(context(TestAccount.C), token, fingerprint, tokens.deadline())));
        db.awaitLockWaiters(1, Duration.ofSeconds(30));
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS).first()).isTrue();
        ClientTokens.Claim replayed = second.get(30, TimeUnit.SECONDS);
        assertThat(replayed.first()).isFalse();
        assertThat(replayed.storedResponse()).contains((String) db.single(
                "SELECT request_id FROM idempotency_token WHERE account_id = ? AND client_token = ?",
                TestAccount.C.accountId(), token));
    }

    /** The same race when the first replica's call fails (rolls back): the second runs itself. */
    @Test
    void aClaimRacingAFailingClaimRunsItself() throws Exception {
        String token = token();
        String fingerprint = "e".repeat(64);
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    tokens.claim(context(TestAccount.C), token, fingerprint, tokens.deadline());
                    firstClaimed.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("the first call fails");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
        });
        assertThat(firstClaimed.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ClientTokens.Claim> second = CompletableFuture.supplyAsync(() ->
                QuarkusTransaction.requiringNew().call(() ->
                        tokens.claim(context(TestAccount.C), token, fingerprint, tokens.deadline())));
        db.awaitLockWaiters(1, Duration.ofSeconds(30));
        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertThat(second.get(30, TimeUnit.SECONDS).first()).isTrue();
    }

    /** Past the bound, the racing claim gives up with LastTokenProcessing; other parameters are a mismatch. */
    @Test
    void aClaimRacingPastTheBoundIsLastTokenProcessing() throws Exception {
        String token = token();
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            CallContext context = context(TestAccount.C);
            tokens.claim(context, token, "d".repeat(64), tokens.deadline());
            firstClaimed.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tokens.store(context, token, "{}");
        }));
        assertThat(firstClaimed.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            ApiException late = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                    () -> QuarkusTransaction.requiringNew().run(() -> tokens.claim(context(TestAccount.C), token,
                            "d".repeat(64), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300))));
            assertThat(late).isNotNull();
            assertThat(late.error().code()).isEqualTo("LastTokenProcessing");
        } finally {
            release.countDown();
        }
        first.get(30, TimeUnit.SECONDS);
        ApiException mismatch = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> tokens.claim(context(TestAccount.C), token,
                        "c".repeat(64), tokens.deadline())));
        assertThat(mismatch).isNotNull();
        assertThat(mismatch.error().code()).isEqualTo("IdempotentParameterMismatch");
    }
}
