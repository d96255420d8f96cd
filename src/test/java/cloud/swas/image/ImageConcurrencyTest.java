package cloud.swas.image;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Concurrently;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/**
 * 32 concurrent Share, UnShare, AddCustomImageShareAccount, RemoveCustomImageShareAccount and
 * DeleteCustomImage calls on one image, queued behind a held row lock so that they really overlap: none
 * fails with a 5xx or a deadlock, and the image's state is what its audit trail, replayed in order, says.
 */
@QuarkusTest
class ImageConcurrencyTest {

    private static final String REGION = "cn-hangzhou";
    private static final long[] ACCOUNTS = {701, 702, 703};

    @Inject
    Db db;

    private static Response call(String imageId, int i) {
        Api api = switch (i % 8) {
            case 0, 4 -> Api.call(TestAccount.A, "ModifyImageShareStatus").param("Operation", "Share");
            case 1, 5 -> Api.call(TestAccount.A, "ModifyImageShareStatus").param("Operation", "UnShare");
            case 2, 6 -> Api.call(TestAccount.A, "AddCustomImageShareAccount")
                    .param("Account.1", Long.toString(ACCOUNTS[i % 3]));
            case 3 -> Api.call(TestAccount.A, "RemoveCustomImageShareAccount")
                    .param("Account.1", Long.toString(ACCOUNTS[i % 3])).param("Account.2", Long.toString(ACCOUNTS[(i + 1) % 3]));
            default -> Api.call(TestAccount.A, "DeleteCustomImage");
        };
        if (i % 3 == 0) {
            api.param("ClientToken", UUID.randomUUID().toString());
        }
        return api.param("RegionId", REGION).param("ImageId", imageId).post();
    }

    @RepeatedTest(2)
    void mixedChangesOfOneImageSerializeAndMatchTheAuditTrail() throws Exception {
        String imageId = Api.createImage(TestAccount.A, REGION, "race-" + UUID.randomUUID().toString().substring(0, 8));
        CompletableFuture<List<Response>> calls;
        try (Db.RowLock held = db.lock("SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE",
                TestAccount.A.accountId(), imageId)) {
            calls = CompletableFuture.supplyAsync(() -> {
                try {
                    return Concurrently.run(32, i -> call(imageId, i));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            db.awaitLockWaiters(12, Duration.ofSeconds(30));
        }
        List<Response> answers = calls.get(120, TimeUnit.SECONDS);

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode())
                .as(r.asString()).isLessThan(500));
        assertThat(answers).filteredOn(r -> r.statusCode() != 200).allSatisfy(r -> assertThat(r.jsonPath()
                .getString("Code")).isIn("CustomImageInShare", "InvalidImageId.NotFound"));

        List<Object> operations = audit(imageId, "operation");
        List<Object> accounts = audit(imageId, "shared_account_id");
        List<Object> versions = audit(imageId, "version");
        for (int v = 0; v < versions.size(); v++) {
            assertThat(versions.get(v)).isEqualTo(v + 1);
        }
        boolean inShare = false;
        boolean deleted = false;
        Set<Long> shareAccounts = new HashSet<>();
        for (int e = 0; e < operations.size(); e++) {
            assertThat(deleted).as("nothing after the deletion").isFalse();
            switch ((String) operations.get(e)) {
                case "Share" -> inShare = true;
                case "UnShare" -> inShare = false;
                case "AddShareAccount" -> assertThat(shareAccounts.add((Long) accounts.get(e))).isTrue();
                case "RemoveShareAccount" -> assertThat(shareAccounts.remove((Long) accounts.get(e))).isTrue();
                case "Delete" -> {
                    assertThat(inShare || !shareAccounts.isEmpty()).as("deleted while shared").isFalse();
                    deleted = true;
                }
                default -> throw new AssertionError(operations.get(e));
            }
        }
        if (deleted) {
            assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND image_id = ?",
                    TestAccount.A.accountId(), imageId)).isZero();
        } else {
            assertThat(db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                    TestAccount.A.accountId(), imageId)).isEqualTo(inShare);
            assertThat(db.count("SELECT count(*) FROM image_ecs_share WHERE account_id = ? AND image_id = ?",
                    TestAccount.A.accountId(), imageId)).as("the ECS view agrees").isEqualTo(inShare ? 1L : 0L);
            assertThat(new HashSet<>(db.column("SELECT shared_account_id FROM image_share_account WHERE account_id = ? "
                    + "AND image_id = ?", TestAccount.A.accountId(), imageId))).isEqualTo(new HashSet<Object>(shareAccounts));
            assertThat(db.single("SELECT share_version FROM custom_image WHERE account_id = ? AND image_id = ?",
                    TestAccount.A.accountId(), imageId)).isEqualTo(versions.size());
        }
    }

    private List<Object> audit(String imageId, String column) {
        return db.column("SELECT " + column + " FROM image_share_history WHERE account_id = ? AND image_id = ? "
                + "ORDER BY version", TestAccount.A.accountId(), imageId);
    }
}
