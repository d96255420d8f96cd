package cloud.swas.ram;

import static org.hamcrest.Matchers.equalTo;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.TestAccount;
import io.restassured.path.json.JsonPath;
import java.util.UUID;

/** RAM calls the tests repeat: a fresh account of this run, a user, a key of the user as a test caller. */
final class RamSetup {

    private RamSetup() {
    }

    /** A new account of this run with its own key, provisioned now. */
    static TestAccount freshAccount(AccessKeyStore keys, String label) {
        TestAccount account = TestAccount.fresh(label);
        keys.upsert(account.accountId(), account.accessKeyId(), account.secret());
        return account;
    }

    /** A name no other test of this run uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonPath createUser(TestAccount account, String userName) {
        return Api.ram(account, "CreateUser").param("UserName", userName).post()
                .then().statusCode(200).body("User.UserName", equalTo(userName)).extract().jsonPath();
    }

    /** Creates a key for the user and returns it as a caller that signs with it. */
    static TestAccount createKey(TestAccount account, String userName) {
        JsonPath key = Api.ram(account, "CreateAccessKey").param("UserName", userName).post()
                .then().statusCode(200).extract().jsonPath();
        return new TestAccount(account.accountId(), key.getString("AccessKey.AccessKeyId"),
                key.getString("AccessKey.AccessKeySecret"));
    }

    static void createPolicy(TestAccount account, String policyName, String document) {
        Api.ram(account, "CreatePolicy").param("PolicyName", policyName).param("PolicyDocument", document).post()
                .then().statusCode(200);
    }

    static final String READ_IMAGES = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"swas-open:ListCustomImages\", \"Resource\": \"*\"}]}";

    static final String TRUST_ACCOUNT = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"sts:AssumeRole\", \"Principal\": {\"RAM\": [\"acs:ram::%d:root\"]}}]}";
}
