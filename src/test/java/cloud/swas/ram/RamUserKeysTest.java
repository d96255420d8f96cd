package cloud.swas.ram;

import static cloud.swas.support.ErrorAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.api.Principal;
import cloud.swas.auth.AccessKey;
import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import cloud.swas.support.V3Call;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A RAM user's key authenticates through the same pipeline as an account's (V1 and V3): its calls are the user's
 * (principal {@code acs:ram::<account>:user/<name>}), an Inactive key is refused, a deleted one is unknown, and a
 * renamed user's calls carry its new name.
 */
@QuarkusTest
class RamUserKeysTest {

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    @Test
    void aUsersKeySignsV1AndV3CallsUntilDeactivatedOrDeleted() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMAUTH");
        RamSetup.createUser(account, "signer");
        TestAccount userKey = RamSetup.createKey(account, "signer");

        Api.call(userKey, "ListRegions").post().then().statusCode(200);
        Api.call(userKey, "ListRegions").get().then().statusCode(200);
        V3Call v3 = V3Call.call(userKey, "ListRegions").param("AcceptLanguage", "en-US");
        v3.post(v3.authorization()).then().statusCode(200);

        Api.ram(account, "UpdateAccessKey").param("UserName", "signer").param("UserAccessKeyId", userKey.accessKeyId())
                .param("Status", "Inactive").post().then().statusCode(200);
        assertJsonError(Api.call(userKey, "ListRegions").post(), 400, "InvalidAccessKeyId.Inactive",
                "Specified access key is disabled.");
        V3Call inactive = V3Call.call(userKey, "ListRegions").param("AcceptLanguage", "en-US");
        assertJsonError(inactive.post(inactive.authorization()), 400, "InvalidAccessKeyId.Inactive",
                "Specified access key is disabled.");

        Api.ram(account, "UpdateAccessKey").param("UserName", "signer").param("UserAccessKeyId", userKey.accessKeyId())
                .param("Status", "Active").post().then().statusCode(200);
        Api.call(userKey, "ListRegions").post().then().statusCode(200);

        Api.ram(account, "DeleteAccessKey").param("UserName", "signer").param("UserAccessKeyId", userKey.accessKeyId())
                .post().then().statusCode(200);
        assertJsonError(Api.call(userKey, "ListRegions").post(), 404, "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.");
    }

    @Test
    void aUsersKeyActsAsTheUserUnderItsCurrentName() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMPRINCIPAL");
        String userId = RamSetup.createUser(account, "before").getString("User.UserId");
        TestAccount userKey = RamSetup.createKey(account, "before");

        assertThat(keys.find(userKey.accessKeyId()).map(AccessKey::principal))
                .contains(Principal.user(account.accountId(), userId, "before"));
        assertThat(keys.find(account.accessKeyId()).map(AccessKey::principal))
                .contains(Principal.account(account.accountId()));

        Api.ram(account, "UpdateUser").param("UserName", "before").param("NewUserName", "after").post()
                .then().statusCode(200);
        // This replica made the change: at once.
        assertThat(keys.find(userKey.accessKeyId()).map(AccessKey::principal).map(Principal::arn))
                .contains("acs:ram::" + account.accountId() + ":user/after");
    }

    @Test
    void aUsersImageChangesAreAuditedUnderTheUsersArn() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMAUDIT");
        RamSetup.createUser(account, "auditor");
        Api.ram(account, "AttachPolicyToUser").param("UserName", "auditor").param("PolicyType", "System")
                .param("PolicyName", "AdministratorAccess").post().then().statusCode(200);
        TestAccount userKey = RamSetup.createKey(account, "auditor");

        String imageId = Api.createImage(userKey, "cn-hangzhou", RamSetup.unique("audited"));
        JsonPath shared = Api.call(userKey, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "Share").post().then().statusCode(200)
                .extract().jsonPath();
        assertThat(shared.getString("RequestId")).isNotBlank();
        assertThat(db.column("SELECT principal_arn FROM image_share_history WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId)).containsExactly("acs:ram::" + account.accountId() + ":user/auditor");
    }
}
