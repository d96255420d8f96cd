package cloud.swas.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModifyImageShareStatusTest {

    private static final String UUID_UPPER = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";

    @Inject
    Db db;

    @Inject
    AccessKeyStore keys;

    private static Api modify(TestAccount account, String imageId, String operation) {
        return Api.call(account, "ModifyImageShareStatus")
                .param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId)
                .param("Operation", operation);
    }

    private boolean inShare(TestAccount account, String imageId) {
        return (Boolean) db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId);
    }

    @Test
    void shareThenUnshareRecordsOneHistoryRowPerChange() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "share-flow");

        String shareRequest = modify(TestAccount.A, imageId, "Share").post()
                .then().statusCode(200)
                .header("x-acs-request-id", matchesPattern(UUID_UPPER))
                .body("RequestId", matchesPattern(UUID_UPPER))
                .extract().path("RequestId");
        assertThat(inShare(TestAccount.A, imageId)).isTrue();

        // Sharing a shared image succeeds and changes nothing.
        modify(TestAccount.A, imageId, "Share").get().then().statusCode(200);

        modify(TestAccount.A, imageId, "UnShare").post().then().statusCode(200);
        assertThat(inShare(TestAccount.A, imageId)).isFalse();

        List<Object> operations = db.column(
                "SELECT operation FROM image_share_history WHERE account_id = ? AND image_id = ? ORDER BY version",
                TestAccount.A.accountId(), imageId);
        assertThat(operations).containsExactly("Share", "UnShare");
        assertThat(db.single("SELECT request_id FROM image_share_history WHERE account_id = ? AND image_id = ? "
                + "AND version = 1", TestAccount.A.accountId(), imageId)).isEqualTo(shareRequest);
    }

    /** One audit row's who, when and which request and key (contract section 5), as stored. */
    private record AuditRow(String operation, String requestId, String accessKeyId, Instant changedAt) {
    }

    private AuditRow audit(TestAccount owner, String imageId, int version) {
        Object[] row = new Object[4];
        int i = 0;
        for (String column : List.of("operation", "request_id", "access_key_id", "changed_at")) {
            row[i++] = db.single("SELECT " + column + " FROM image_share_history WHERE account_id = ? AND image_id = ? "
                    + "AND version = ?", owner.accountId(), imageId, version);
        }
        return new AuditRow((String) row[0], (String) row[1], (String) row[2], ((Timestamp) row[3]).toInstant());
    }

    /** A call's RequestId, and the instants just before it was sent and just after its answer came. */
    private record Sent(String requestId, Instant before, Instant after) {
    }

    private static Sent send(Api call) {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String requestId = call.post().then().statusCode(200).extract().path("RequestId");
        return new Sent(requestId, before, Instant.now().plusMillis(1));
    }

    private static void assertRecorded(AuditRow row, String operation, Sent call, TestAccount key) {
        assertThat(row.operation()).isEqualTo(operation);
        assertThat(row.requestId()).isEqualTo(call.requestId());
        assertThat(row.accessKeyId()).isEqualTo(key.accessKeyId());
        assertThat(row.changedAt()).isBetween(call.before(), call.after());
    }

    /**
     * Every state change is recorded with who, when, which request and which access key (contract section 5):
     * two keys of one account, with and without a ClientToken (two ways of running the change), and a share
     * with another account (a third), each row read back column by column.
     */
    @Test
    void theAuditRowNamesTheKeyTheTimeAndTheRequest() {
        TestAccount first = TestAccount.fresh("AUDIT");
        TestAccount second = new TestAccount(first.accountId(), first.accessKeyId() + "K2", first.secret() + "-2");
        keys.upsert(first.accountId(), first.accessKeyId(), first.secret());
        keys.upsert(second.accountId(), second.accessKeyId(), second.secret());
        String imageId = Api.createImage(first, "cn-hangzhou", "audited-" + UUID.randomUUID().toString().substring(0, 8));

        Sent share = send(modify(first, imageId, "Share"));
        Sent unshare = send(modify(second, imageId, "UnShare").param("ClientToken", UUID.randomUUID().toString()));
        Sent added = send(Api.call(second, "AddCustomImageShareAccount").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Account.1", "4242"));

        assertRecorded(audit(first, imageId, 1), "Share", share, first);
        assertRecorded(audit(first, imageId, 2), "UnShare", unshare, second);
        assertRecorded(audit(first, imageId, 3), "AddShareAccount", added, second);
    }

    /**
     * Concurrent Share and UnShare calls on one image serialize on its row: every call succeeds, the
     * history counts versions 1..n without gaps, operations alternate (each row is a real change), the
     * image's version is n, and its state is the last recorded operation's. The row is held locked until
     * a dozen calls visibly queue for it, so the calls do overlap, however few cores the machine has.
     */
    @Test
    void concurrentChangesOfOneImageSerializeIntoAGapFreeHistory() throws Exception {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "share-race");
        java.util.concurrent.CompletableFuture<List<io.restassured.response.Response>> calls;
        try (Db.RowLock held = db.lock("SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE",
                TestAccount.A.accountId(), imageId)) {
            calls = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return cloud.swas.support.Concurrently.run(24,
                            i -> modify(TestAccount.A, imageId, i % 2 == 0 ? "Share" : "UnShare").post());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            db.awaitLockWaiters(12, java.time.Duration.ofSeconds(30));
        }
        List<io.restassured.response.Response> answers = calls.get(60, java.util.concurrent.TimeUnit.SECONDS);
        answers.forEach(answer -> assertThat(answer.statusCode()).isEqualTo(200));

        List<Object> versions = db.column("SELECT version FROM image_share_history WHERE account_id = ? "
                + "AND image_id = ? ORDER BY version", TestAccount.A.accountId(), imageId);
        List<Object> operations = db.column("SELECT operation FROM image_share_history WHERE account_id = ? "
                + "AND image_id = ? ORDER BY version", TestAccount.A.accountId(), imageId);
        assertThat(versions).isNotEmpty();
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).isEqualTo(i + 1);
            assertThat(operations.get(i)).isEqualTo(i % 2 == 0 ? "Share" : "UnShare");
        }
        assertThat(db.single("SELECT share_version FROM custom_image WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId)).isEqualTo(versions.size());
        assertThat(inShare(TestAccount.A, imageId)).isEqualTo(operations.get(operations.size() - 1).equals("Share"));
    }

    @Test
    void unknownImageIsNotFound() {
        modify(TestAccount.A, "m-doesnotexist000000", "Share").post()
                .then().statusCode(404)
                .body("Code", equalTo("InvalidImageId.NotFound"))
                .body("Message", equalTo("The specified ImageId does not exist."));
    }

    @Test
    void imageOfAnotherRegionIsNotFound() {
        String imageId = Api.createImage(TestAccount.A, "cn-shanghai", "other-region");
        modify(TestAccount.A, imageId, "Share").post()
                .then().statusCode(404).body("Code", equalTo("InvalidImageId.NotFound"));
        assertThat(inShare(TestAccount.A, imageId)).isFalse();
    }

    @Test
    void operationMustBeExactlyShareOrUnShare() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "bad-operation");
        for (String operation : List.of("share", "Unshare", "SHARE", "Delete", " Share")) {
            modify(TestAccount.A, imageId, operation).post()
                    .then().statusCode(400)
                    .body("Code", equalTo("InvalidParam.OperationIllegal"))
                    .body("Message", equalTo("The specified parameter operation is illegal."));
        }
        assertThat(inShare(TestAccount.A, imageId)).isFalse();
    }

    @Test
    void missingParametersAreNamed() {
        for (String name : List.of("RegionId", "ImageId", "Operation")) {
            modify(TestAccount.A, "m-any", "Share").without(name).post()
                    .then().statusCode(400)
                    .body("Code", equalTo("MissingParameter"))
                    .body("Message", equalTo("The input parameter \"" + name
                            + "\" that is mandatory for processing this request is not supplied."));
        }
    }

    @Test
    void unknownRegionIsNotFound() {
        modify(TestAccount.A, "m-any", "Share").param("RegionId", "mars-north-1").post()
                .then().statusCode(404).body("Code", equalTo("InvalidRegionId.NotFound"));
    }

    @Test
    void clientTokenMustBeAsciiAndShort() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "token-format");
        modify(TestAccount.A, imageId, "Share").param("ClientToken", "x".repeat(65)).post()
                .then().statusCode(400).body("Code", equalTo("InvalidParameter"))
                .body("Message", equalTo("The specified parameter \"ClientToken\" is not valid."));
        modify(TestAccount.A, imageId, "Share").param("ClientToken", "tökén").post()
                .then().statusCode(400).body("Code", equalTo("InvalidParameter"));
        modify(TestAccount.A, imageId, "Share").param("ClientToken", "x".repeat(64)).post()
                .then().statusCode(200);
    }

    @Test
    void anotherAccountsImageIsNotFoundAndUnchanged() {
        String imageOfA = Api.createImage(TestAccount.A, "cn-hangzhou", "tenant-a");

        modify(TestAccount.B, imageOfA, "Share").post()
                .then().statusCode(404).body("Code", equalTo("InvalidImageId.NotFound"));

        assertThat(inShare(TestAccount.A, imageOfA)).isFalse();
        assertThat(db.count("SELECT count(*) FROM image_share_history WHERE image_id = ?", imageOfA)).isZero();
    }
}
