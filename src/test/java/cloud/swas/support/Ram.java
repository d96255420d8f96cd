package cloud.swas.support;

import io.restassured.path.json.JsonPath;

/**
 * RAM set-up for tests, through the RAM API (contract 11.2) as a customer would make it: users with keys, custom
 * policies, attachments. A RAM user's key signs like an account's, so it is returned as a {@link TestAccount}
 * (the user's account, its AccessKeyId and secret).
 */
public final class Ram {

    public static final String VERSION = "2015-05-01";

    private Ram() {
    }

    /** A RAM API call signed by {@code caller} (the account's root key, or a RAM principal). */
    public static Api call(TestAccount caller, String action) {
        return Api.call(caller, action).param("Version", VERSION);
    }

    /** Creates the user with an access key; no policy attached. */
    public static TestAccount user(TestAccount account, String userName) {
        call(account, "CreateUser").param("UserName", userName).post().then().statusCode(200);
        JsonPath key = call(account, "CreateAccessKey").param("UserName", userName).post()
                .then().statusCode(200).extract().jsonPath();
        return new TestAccount(account.accountId(), key.getString("AccessKey.AccessKeyId"),
                key.getString("AccessKey.AccessKeySecret"));
    }

    /** Creates the user with a key and attaches each named system policy. */
    public static TestAccount userWithSystemPolicies(TestAccount account, String userName, String... policies) {
        TestAccount user = user(account, userName);
        for (String policy : policies) {
            attach(account, userName, "System", policy);
        }
        return user;
    }

    /** Creates a custom policy and attaches it to the user. */
    public static void grant(TestAccount account, String userName, String policyName, String document) {
        call(account, "CreatePolicy").param("PolicyName", policyName).param("PolicyDocument", document).post()
                .then().statusCode(200);
        attach(account, userName, "Custom", policyName);
    }

    public static void attach(TestAccount account, String userName, String policyType, String policyName) {
        call(account, "AttachPolicyToUser").param("PolicyType", policyType).param("PolicyName", policyName)
                .param("UserName", userName).post().then().statusCode(200);
    }

    public static void detach(TestAccount account, String userName, String policyType, String policyName) {
        call(account, "DetachPolicyFromUser").param("PolicyType", policyType).param("PolicyName", policyName)
                .param("UserName", userName).post().then().statusCode(200);
    }

    /** A policy document with one statement. */
    public static String statement(String effect, String action, String resource) {
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }
}
