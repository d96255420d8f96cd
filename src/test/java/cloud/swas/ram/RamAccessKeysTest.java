package cloud.swas.ram;

import static cloud.swas.support.ErrorAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Concurrently;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A RAM user's access keys: created with their secret shown once (and stored encrypted), listed without it, at most
 * 2 per user also under concurrent calls, deactivated, deleted; a user is deleted only once it holds nothing.
 */
@QuarkusTest
class RamAccessKeysTest {

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    @Test
    void keysAreCreatedListedDeactivatedAndDeleted() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMKEY");
        RamSetup.createUser(account, "deployer");
        JsonPath created = Api.ram(account, "CreateAccessKey").param("UserName", "deployer").post()
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> key = created.getMap("AccessKey");
        assertThat(key).containsOnlyKeys("AccessKeyId", "AccessKeySecret", "Status", "CreateDate");
        assertThat((String) key.get("AccessKeyId")).matches("LTAI[0-9A-Za-z]{20}");
        assertThat((String) key.get("AccessKeySecret")).matches("[0-9A-Za-z]{30}");
        assertThat(key).containsEntry("Status", "Active");
        String keyId = (String) key.get("AccessKeyId");
        // Stored encrypted, never in plaintext, and marked as the user's.
        assertThat(db.count("SELECT count(*) FROM access_key WHERE access_key_id = ? AND secret IS NULL "
                + "AND secret_ciphertext IS NOT NULL AND user_id IS NOT NULL", keyId)).isEqualTo(1);

        JsonPath listed = Api.ram(account, "ListAccessKeys").param("UserName", "deployer").post()
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = listed.getList("AccessKeys.AccessKey");
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsOnlyKeys("AccessKeyId", "Status", "CreateDate")
                .containsEntry("AccessKeyId", keyId).containsEntry("Status", "Active");

        Api.ram(account, "UpdateAccessKey").param("UserName", "deployer").param("UserAccessKeyId", keyId)
                .param("Status", "Inactive").post().then().statusCode(200);
        assertThat(Api.ram(account, "ListAccessKeys").param("UserName", "deployer").post().jsonPath()
                .getString("AccessKeys.AccessKey[0].Status")).isEqualTo("Inactive");
        assertJsonError(Api.ram(account, "UpdateAccessKey").param("UserName", "deployer")
                .param("UserAccessKeyId", keyId).param("Status", "Disabled").post(),
                400, "InvalidParameter", "The specified parameter \"Status\" is not valid.");
        assertJsonError(Api.ram(account, "UpdateAccessKey").param("UserName", "deployer")
                .param("UserAccessKeyId", "LTAInotakeyofthisuser000").param("Status", "Active").post(),
                404, "EntityNotExist.User.AccessKey", "The user access key does not exist.");
        // The account's own key is no key of the user's.
        assertJsonError(Api.ram(account, "DeleteAccessKey").param("UserName", "deployer")
                .param("UserAccessKeyId", account.accessKeyId()).post(),
                404, "EntityNotExist.User.AccessKey", "The user access key does not exist.");

        assertJsonError(Api.ram(account, "DeleteUser").param("UserName", "deployer").post(),
                409, "DeleteConflict.User.AccessKey", "The user CAN NOT has any access key while deleting the user.");
        Api.ram(account, "DeleteAccessKey").param("UserName", "deployer").param("UserAccessKeyId", keyId).post()
                .then().statusCode(200);
        assertThat(db.count("SELECT count(*) FROM access_key WHERE access_key_id = ?", keyId)).isZero();
        assertJsonError(Api.ram(account, "DeleteAccessKey").param("UserName", "deployer")
                .param("UserAccessKeyId", keyId).post(),
                404, "EntityNotExist.User.AccessKey", "The user access key does not exist.");
        Api.ram(account, "DeleteUser").param("UserName", "deployer").post().then().statusCode(200);
    }

    @Test
    void aThirdKeyIsRefused() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMKEY3");
        RamSetup.createUser(account, "two-keys");
        RamSetup.createKey(account, "two-keys");
        RamSetup.createKey(account, "two-keys");
        assertJsonError(Api.ram(account, "CreateAccessKey").param("UserName", "two-keys").post(),
                409, "LimitExceeded.User.AccessKey",
                "The access key count of the user access keys beyond the current limits.");
        assertJsonError(Api.ram(account, "CreateAccessKey").param("UserName", "nobody").post(),
                404, "EntityNotExist.User", "The user does not exist.");
        // The account's own key names no user of its own.
        assertJsonError(Api.ram(account, "CreateAccessKey").post(), 400, "MissingParameter",
                "The input parameter \"UserName\" that is mandatory for processing this request is not supplied.");
    }

    @Test
    void concurrentCreatesCannotPassTheLimitOfTwoKeys() throws Exception {
        TestAccount account = RamSetup.freshAccount(keys, "RAMKEYRACE");
        JsonPath user = RamSetup.createUser(account, "racer");
        List<Response> answers = queuedBehindUserLock(account, user.getString("User.UserId"), 6,
                i -> Api.ram(account, "CreateAccessKey").param("UserName", "racer").post());

        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(2);
        assertThat(answers).filteredOn(r -> r.statusCode() != 200).hasSize(4).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.jsonPath().getString("Code")).isEqualTo("LimitExceeded.User.AccessKey");
        });
        assertThat(db.count("SELECT count(*) FROM access_key WHERE account_id = ? AND user_id = ?",
                account.accountId(), user.getString("User.UserId"))).isEqualTo(2);
    }

    @Test
    void deleteUserAndCreateAccessKeyRacingLeaveNoKeyWithoutUser() throws Exception {
        TestAccount account = RamSetup.freshAccount(keys, "RAMDELRACE");
        JsonPath user = RamSetup.createUser(account, "doomed");
        List<Response> answers = queuedBehindUserLock(account, user.getString("User.UserId"), 4,
                i -> i % 2 == 0 ? Api.ram(account, "DeleteUser").param("UserName", "doomed").post()
                        : Api.ram(account, "CreateAccessKey").param("UserName", "doomed").post());

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isLessThan(500));
        long usersLeft = db.count("SELECT count(*) FROM ram_user WHERE account_id = ?", account.accountId());
        long keysLeft = db.count("SELECT count(*) FROM access_key WHERE account_id = ? AND user_id IS NOT NULL",
                account.accountId());
        long deleted = answers.stream().filter(r -> r.statusCode() == 200 && r.jsonPath().get("AccessKey") == null)
                .count();
        long keysCreated = answers.stream().filter(r -> r.statusCode() == 200 && r.jsonPath().get("AccessKey") != null)
                .count();
        // Either the user went first (no key was created for it), or a key came first (the user stays).
        if (deleted == 1) {
            assertThat(usersLeft).isZero();
            assertThat(keysCreated).isZero();
            assertThat(keysLeft).isZero();
        } else {
            assertThat(deleted).isZero();
            assertThat(usersLeft).isEqualTo(1);
            assertThat(keysLeft).isEqualTo(keysCreated).isPositive();
            assertThat(answers).filteredOn(r -> r.statusCode() == 409).allSatisfy(r ->
                    assertThat(r.jsonPath().getString("Code")).isEqualTo("DeleteConflict.User.AccessKey"));
        }
    }

    /** Fires the calls while the user's row is locked, so that they really queue together, then lets them go. */
    private List<Response> queuedBehindUserLock(TestAccount account, String userId, int n,
                                                java.util.function.IntFunction<Response> call) throws Exception {
        CompletableFuture<List<Response>> calls;
        try (Db.RowLock held = db.lock("SELECT 1 FROM ram_user WHERE account_id = ? AND user_id = ? FOR UPDATE",
                account.accountId(), userId)) {
            calls = CompletableFuture.supplyAsync(() -> {
                try {
                    return Concurrently.run(n, call);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            db.awaitLockWaiters(n, Duration.ofSeconds(30));
        }
        return calls.get(120, TimeUnit.SECONDS);
    }
}
