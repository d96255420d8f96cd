package cloud.swas.sts;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.SessionTokens;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.RamFixtures;
import cloud.swas.support.StsCredentials;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AssumeRole's parameters (contract 11.6), each refused with the code and message Alibaba Cloud documents for
 * it, before anything else is looked at; a root key may not assume a role; GetCallerIdentity of an account's key
 * and of a role session.
 */
@QuarkusTest
class AssumeRoleValidationTest {

    private static final String VERSION = "2015-04-01";

    @Inject
    Db db;

    @Inject
    SessionTokens tokens;

    private static Api assumeRole(TestAccount account) {
        return Api.call(account, "AssumeRole").param("Version", VERSION)
                .param("RoleArn", "acs:ram::" + account.accountId() + ":role/some-role")
                .param("RoleSessionName", "session");
    }

    @ParameterizedTest(name = "{0}={1}: {3}")
    @CsvSource(delimiter = '|', value = {
            "RoleArn|acs:ram::123:user/alice|400|InvalidParameter.RoleArn|The parameter RoleArn is wrongly formed.",
            "RoleArn|acs:ram:cn-hangzhou:123:role/r|400|InvalidParameter.RoleArn|The parameter RoleArn is wrongly formed.",
            "RoleArn|acs:ram::abc:role/r|400|InvalidParameter.RoleArn|The parameter RoleArn is wrongly formed.",
            "RoleArn|acs:ram::123:role/|400|InvalidParameter.RoleArn|The parameter RoleArn is wrongly formed.",
            "RoleArn|acs:ram::123:role/a/b|400|InvalidParameter.RoleArn|The parameter RoleArn is wrongly formed.",
            "RoleSessionName|a|400|InvalidParameter.RoleSessionName|The parameter RoleSessionName is wrongly formed.",
            "RoleSessionName|abc*abc|400|InvalidParameter.RoleSessionName|The parameter RoleSessionName is wrongly formed.",
            "RoleSessionName|with space|400|InvalidParameter.RoleSessionName|The parameter RoleSessionName is wrongly formed.",
            "RoleSessionName|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|400|InvalidParameter.RoleSessionName|The parameter RoleSessionName is wrongly formed.",
            "DurationSeconds|899|400|InvalidParameter.DurationSeconds|The Min/Max value of DurationSeconds is 15min/1hr.",
            "DurationSeconds|43201|400|InvalidParameter.DurationSeconds|The Min/Max value of DurationSeconds is 15min/1hr.",
            "DurationSeconds|3600s|400|InvalidParameter.DurationSeconds|The Min/Max value of DurationSeconds is 15min/1hr.",
            "DurationSeconds|-1|400|InvalidParameter.DurationSeconds|The Min/Max value of DurationSeconds is 15min/1hr.",
    })
    void aMalformedParameterIsRefusedWithItsDocumentedCode(String name, String value, int status, String code,
                                                          String message) {
        ErrorAssertions.assertJsonError(assumeRole(TestAccount.A).param(name, value).post(), status, code, message);
    }

    @Test
    void requiredParametersAreMissingParameter() {
        ErrorAssertions.assertJsonError(assumeRole(TestAccount.A).without("RoleArn").post(), 400, "MissingParameter",
                "The input parameter \"RoleArn\" that is mandatory for processing this request is not supplied.");
        ErrorAssertions.assertJsonError(assumeRole(TestAccount.A).without("RoleSessionName").post(), 400,
                "MissingParameter", "The input parameter \"RoleSessionName\" that is mandatory for processing this "
                        + "request is not supplied.");
    }

    @Test
    void aSessionPolicyLongerThanTheLanguageAllowsIsPolicySize() {
        String policy = "{\"Version\":\"1\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"ecs:Describe*\",\"Resource\":\"*\"},".repeat(110)
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        // Longer than a policy may be, shorter than a parameter may be (8192).
        assertThat(policy.length()).isBetween(6145, 8192);
        ErrorAssertions.assertJsonError(assumeRole(TestAccount.A).param("Policy", policy).post(), 400,
                "InvalidParameter.PolicySize",
                "The size of Policy must be smaller than 6144 characters and fit in a security token.");
    }

    @Test
    void aRootKeyMayNotAssumeARoleEvenOneThatTrustsItsAccount() {
        String roleName = "RootRefused" + System.nanoTime();
        new RamFixtures(db).createRole(TestAccount.A.accountId(), roleName,
                RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId())), 3600);
        ErrorAssertions.assertJsonError(assumeRole(TestAccount.A)
                        .param("RoleArn", "acs:ram::" + TestAccount.A.accountId() + ":role/" + roleName).post(), 403,
                "NoPermission", "Roles may not be assumed by root accounts.");
        ErrorAssertions.assertXmlError(assumeRole(TestAccount.A).xml()
                        .param("RoleArn", "acs:ram::" + TestAccount.A.accountId() + ":role/" + roleName).post(), 403,
                "NoPermission", "Roles may not be assumed by root accounts.");
    }

    @Test
    void getCallerIdentityOfAnAccountsKey() {
        JsonPath body = Api.call(TestAccount.B, "GetCallerIdentity").param("Version", VERSION).post()
                .then().statusCode(200).extract().jsonPath();
        String account = Long.toString(TestAccount.B.accountId());
        assertThat(body.getMap("$")).containsOnlyKeys("RequestId", "IdentityType", "AccountId", "PrincipalId",
                "UserId", "Arn");
        assertThat(body.getString("IdentityType")).isEqualTo("Account");
        assertThat(body.getString("AccountId")).isEqualTo(account);
        assertThat(body.getString("PrincipalId")).isEqualTo(account);
        assertThat(body.getString("UserId")).isEqualTo(account);
        assertThat(body.getString("Arn")).isEqualTo("acs:ram::" + account + ":root");
    }

    @Test
    void getCallerIdentityOfARoleSession() {
        String roleName = "Identity" + System.nanoTime();
        String roleId = new RamFixtures(db).createRole(TestAccount.B.accountId(), roleName,
                RamFixtures.trust(RamFixtures.root(TestAccount.B.accountId())), 3600);
        SessionTokens.Issued issued = tokens.issue(TestAccount.B.accountId(), roleId, roleName, "bob@ci", null,
                Instant.now().plus(Duration.ofHours(1)));
        StsCredentials session = StsCredentials.of(TestAccount.B.accountId(), issued.accessKeyId(),
                issued.accessKeySecret(), issued.securityToken());

        JsonPath body = session.call("GetCallerIdentity").param("Version", VERSION).post()
                .then().statusCode(200).extract().jsonPath();
        String account = Long.toString(TestAccount.B.accountId());
        assertThat(body.getMap("$")).containsOnlyKeys("RequestId", "IdentityType", "AccountId", "PrincipalId",
                "RoleId", "Arn");
        assertThat(body.getString("IdentityType")).isEqualTo("AssumedRoleUser");
        assertThat(body.getString("AccountId")).isEqualTo(account);
        assertThat(body.getString("PrincipalId")).isEqualTo(roleId + ":bob@ci");
        assertThat(body.getString("RoleId")).isEqualTo(roleId);
        assertThat(body.getString("Arn")).isEqualTo("acs:ram::" + account + ":assumed-role/" + roleName + "/bob@ci");
        // XML: the same fields under the action's root element.
        String xml = session.call("GetCallerIdentity").param("Version", VERSION).xml().post()
                .then().statusCode(200).extract().asString();
        assertThat(xml).contains("<GetCallerIdentityResponse>").contains("<IdentityType>AssumedRoleUser</IdentityType>")
                .contains("<RoleId>" + roleId + "</RoleId>");
    }
}
