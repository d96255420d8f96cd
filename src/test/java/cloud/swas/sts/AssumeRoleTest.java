package cloud.swas.sts;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.Ram;
import cloud.swas.support.RamFixtures;
import cloud.swas.support.StsCredentials;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * AssumeRole end to end, set up through the RAM API (contract 11.6): who may assume (a RAM user or a role session
 * allowed sts:AssumeRole and named by the trust policy, by its ARN or its account's root; another account when the
 * trust policy names it), and what the session then may do (the role's policies, narrowed by a session policy).
 */
@QuarkusTest
class AssumeRoleTest {

    private static final String STS = "2015-04-01";
    private static final String NOT_TRUSTED = "No permission perform sts:AssumeRole on this Role. Maybe you are not "
            + "authorized to perform sts:AssumeRole or the specified role does not trust you";

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String createRole(TestAccount account, String roleName, String trust, String... systemPolicies) {
        String roleId = Ram.call(account, "CreateRole").param("RoleName", roleName)
                .param("AssumeRolePolicyDocument", trust).param("MaxSessionDuration", "7200").post()
                .then().statusCode(200).extract().jsonPath().getString("Role.RoleId");
        for (String policy : systemPolicies) {
            attachToRole(account, roleName, "System", policy);
        }
        return roleId;
    }

    private static void attachToRole(TestAccount account, String roleName, String type, String policy) {
        Ram.call(account, "AttachPolicyToRole").param("PolicyType", type).param("PolicyName", policy)
                .param("RoleName", roleName).post().then().statusCode(200);
    }

    private static Api assumeRole(TestAccount caller, TestAccount roleAccount, String roleName) {
        return Api.call(caller, "AssumeRole").param("Version", STS)
                .param("RoleArn", "acs:ram::" + roleAccount.accountId() + ":role/" + roleName)
                .param("RoleSessionName", "session-1");
    }

    private static StsCredentials credentials(JsonPath body, TestAccount roleAccount) {
        return StsCredentials.of(roleAccount.accountId(), body.getString("Credentials.AccessKeyId"),
                body.getString("Credentials.AccessKeySecret"), body.getString("Credentials.SecurityToken"));
    }

    private static TestAccount assumer(TestAccount account) {
        return Ram.userWithSystemPolicies(account, unique("assumer"), "AliyunSTSAssumeRoleAccess");
    }

    @Test
    void aTrustedUserGetsCredentialsOfTheRoleAndTheSessionIsTheRoles() {
        String userName = unique("alice");
        TestAccount alice = Ram.userWithSystemPolicies(TestAccount.A, userName, "AliyunSTSAssumeRoleAccess");
        String roleName = unique("Deployer");
        String roleId = createRole(TestAccount.A, roleName,
                RamFixtures.trust(RamFixtures.user(TestAccount.A.accountId(), userName)), "AliyunSWASReadOnlyAccess");

        Instant before = Instant.now().minusSeconds(1);
        Response response = assumeRole(alice, TestAccount.A, roleName).param("DurationSeconds", "1800").post();
        JsonPath body = response.then().statusCode(200).extract().jsonPath();

        assertThat(body.getMap("$")).containsOnlyKeys("RequestId", "Credentials", "AssumedRoleUser");
        assertThat(body.getMap("Credentials")).containsOnlyKeys("AccessKeyId", "AccessKeySecret", "SecurityToken",
                "Expiration");
        assertThat(body.getString("Credentials.AccessKeyId")).matches("STS\\.[0-9A-Za-z]{20,60}");
        assertThat(body.getString("Credentials.Expiration")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        Instant expiration = Instant.parse(body.getString("Credentials.Expiration"));
        assertThat(expiration).isBetween(before.plusSeconds(1800), Instant.now().plusSeconds(1800));
        assertThat(body.getString("AssumedRoleUser.Arn")).isEqualTo("acs:ram::" + TestAccount.A.accountId()
                + ":role/" + roleName.toLowerCase() + "/session-1");
        assertThat(body.getString("AssumedRoleUser.AssumedRoleId")).isEqualTo(roleId + ":session-1");

        StsCredentials session = credentials(body, TestAccount.A);
        JsonPath identity = session.call("GetCallerIdentity").param("Version", STS).post()
                .then().statusCode(200).extract().jsonPath();
        assertThat(identity.getString("IdentityType")).isEqualTo("AssumedRoleUser");
        assertThat(identity.getString("RoleId")).isEqualTo(roleId);
        assertThat(identity.getString("Arn")).isEqualTo("acs:ram::" + TestAccount.A.accountId() + ":assumed-role/"
                + roleName + "/session-1");
        // The role's policy: reading yes, sharing no.
        session.call("ListCustomImages").param("RegionId", "cn-hangzhou").post().then().statusCode(200);
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", unique("sts-ro"));
        Response denied = session.call("ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "Share").post();
        denied.then().statusCode(403);
        assertThat(denied.jsonPath().getString("Code")).isEqualTo("Forbidden.RAM");
        assertThat(denied.jsonPath().getString("AccessDeniedDetail.AuthPrincipalType")).isEqualTo("AssumedRoleUser");
        assertThat(denied.jsonPath().getString("AccessDeniedDetail.AuthPrincipalDisplayName"))
                .isEqualTo(roleName + ":session-1");
    }

    @Test
    void theAccountsRootInTheTrustPolicyTrustsEveryAllowedRamPrincipalOfIt() {
        TestAccount user = assumer(TestAccount.A);
        String roleName = unique("RootTrust");
        createRole(TestAccount.A, roleName, RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId())));
        assumeRole(user, TestAccount.A, roleName).post().then().statusCode(200);
    }

    @Test
    void aUserTheTrustPolicyDoesNotNameIsRefused() {
        TestAccount user = assumer(TestAccount.A);
        String roleName = unique("OtherTrust");
        createRole(TestAccount.A, roleName, RamFixtures.trust(RamFixtures.user(TestAccount.A.accountId(), "someone")));
        ErrorAssertions.assertJsonError(assumeRole(user, TestAccount.A, roleName).post(), 403, "NoPermission",
                NOT_TRUSTED);
        // Another account's root is not this account.
        String other = unique("ForeignTrust");
        createRole(TestAccount.A, other, RamFixtures.trust(RamFixtures.root(TestAccount.C.accountId())));
        ErrorAssertions.assertJsonError(assumeRole(user, TestAccount.A, other).post(), 403, "NoPermission",
                NOT_TRUSTED);
    }

    @Test
    void aUserWithoutStsAssumeRoleIsDeniedByItsOwnPolicies() {
        TestAccount user = Ram.user(TestAccount.A, unique("noassume"));
        String roleName = unique("Unreachable");
        createRole(TestAccount.A, roleName, RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId())));
        Response response = assumeRole(user, TestAccount.A, roleName).post();
        response.then().statusCode(403);
        assertThat(response.jsonPath().getString("Code")).isEqualTo("Forbidden.RAM");
        assertThat(response.jsonPath().getString("AccessDeniedDetail.AuthAction")).isEqualTo("sts:AssumeRole");
    }

    @Test
    void aMissingRoleDurationPastItsMaximumAndABadSessionPolicyAreRefused() {
        TestAccount user = assumer(TestAccount.A);
        ErrorAssertions.assertJsonError(assumeRole(user, TestAccount.A, unique("Missing")).post(), 404,
                "EntityNotExist.Role", "The specified Role not exists.");
        String roleName = unique("Short");
        createRole(TestAccount.A, roleName, RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId())));
        // MaxSessionDuration is 7200.
        assumeRole(user, TestAccount.A, roleName).param("DurationSeconds", "7200").post().then().statusCode(200);
        ErrorAssertions.assertJsonError(assumeRole(user, TestAccount.A, roleName).param("DurationSeconds", "7201")
                .post(), 400, "InvalidParameter.DurationSeconds", "The Min/Max value of DurationSeconds is 15min/1hr.");
        for (String policy : new String[] {"not json", "{\"Version\":\"1\"}",
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}) {
            ErrorAssertions.assertJsonError(assumeRole(user, TestAccount.A, roleName).param("Policy", policy).post(),
                    400, "InvalidParameter.PolicyGrammar", "The parameter Policy has not passed grammar check.");
        }
    }

    @Test
    void anotherAccountsRoleTrustingTheCallersAccountActsInTheRolesAccount() {
        // Account B's user assumes a role of account A that trusts B; the role may share A's images, not delete them.
        TestAccount userOfB = assumer(TestAccount.B);
        String roleName = unique("CrossAccount");
        createRole(TestAccount.A, roleName, RamFixtures.trust(RamFixtures.root(TestAccount.B.accountId())));
        String policyName = unique("share-only");
        Ram.call(TestAccount.A, "CreatePolicy").param("PolicyName", policyName).param("PolicyDocument",
                        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                                + "[\"swas-open:ModifyImageShareStatus\",\"swas-open:ListCustomImages\"],"
                                + "\"Resource\":\"*\"}]}")
                .post().then().statusCode(200);
        attachToRole(TestAccount.A, roleName, "Custom", policyName);
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", unique("cross"));

        JsonPath body = assumeRole(userOfB, TestAccount.A, roleName).post().then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("AssumedRoleUser.Arn")).startsWith("acs:ram::" + TestAccount.A.accountId() + ":role/");
        StsCredentials session = credentials(body, TestAccount.A);

        session.call("ModifyImageShareStatus").param("RegionId", "cn-hangzhou").param("ImageId", imageId)
                .param("Operation", "Share").post().then().statusCode(200);
        Response delete = session.call("DeleteCustomImage").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).post();
        delete.then().statusCode(403);
        assertThat(delete.jsonPath().getString("Code")).isEqualTo("Forbidden.RAM");
        assertThat(delete.jsonPath().getString("AccessDeniedDetail.AuthPrincipalType")).isEqualTo("AssumedRoleUser");
        assertThat(delete.jsonPath().getString("AccessDeniedDetail.AuthPrincipalOwnerId"))
                .isEqualTo(Long.toString(TestAccount.A.accountId()));
        JsonPath identity = session.call("GetCallerIdentity").param("Version", STS).post()
                .then().statusCode(200).extract().jsonPath();
        assertThat(identity.getString("AccountId")).isEqualTo(Long.toString(TestAccount.A.accountId()));
        assertThat(identity.getString("IdentityType")).isEqualTo("AssumedRoleUser");
    }

    @Test
    void aSessionPolicyOnlyNarrowsTheRolesPermissions() {
        TestAccount user = assumer(TestAccount.A);
        String roleName = unique("Narrowed");
        createRole(TestAccount.A, roleName, RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId())),
                "AliyunSWASFullAccess");
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", unique("narrow"));
        JsonPath body = assumeRole(user, TestAccount.A, roleName)
                .param("Policy", Ram.statement("Allow", "swas-open:ListCustomImages", "*")).post()
                .then().statusCode(200).extract().jsonPath();
        StsCredentials session = credentials(body, TestAccount.A);

        session.call("ListCustomImages").param("RegionId", "cn-hangzhou").post().then().statusCode(200);
        Response denied = session.call("ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "Share").post();
        denied.then().statusCode(403);
        assertThat(denied.jsonPath().getString("AccessDeniedDetail.PolicyType")).isEqualTo("SessionPolicy");
    }

    @Test
    void aRoleSessionMayAssumeAnotherRoleAndARootKeyMayNot() {
        TestAccount user = assumer(TestAccount.A);
        String first = unique("First");
        createRole(TestAccount.A, first, RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId())),
                "AliyunSTSAssumeRoleAccess");
        String second = unique("Second");
        String secondId = createRole(TestAccount.A, second,
                RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId())));
        StsCredentials firstSession = credentials(assumeRole(user, TestAccount.A, first).post()
                .then().statusCode(200).extract().jsonPath(), TestAccount.A);

        JsonPath chained = firstSession.call("AssumeRole").param("Version", STS)
                .param("RoleArn", "acs:ram::" + TestAccount.A.accountId() + ":role/" + second)
                .param("RoleSessionName", "chained").post().then().statusCode(200).extract().jsonPath();
        assertThat(chained.getString("AssumedRoleUser.AssumedRoleId")).isEqualTo(secondId + ":chained");

        ErrorAssertions.assertJsonError(assumeRole(TestAccount.A, TestAccount.A, second).post(), 403, "NoPermission",
                "Roles may not be assumed by root accounts.");
    }

    @Test
    void detachingTheRolesPolicyStopsItsSessionsWithinASecond() {
        TestAccount user = assumer(TestAccount.A);
        String roleName = unique("Detached");
        createRole(TestAccount.A, roleName, RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId())),
                "AliyunSWASReadOnlyAccess");
        StsCredentials session = credentials(assumeRole(user, TestAccount.A, roleName).post()
                .then().statusCode(200).extract().jsonPath(), TestAccount.A);
        session.call("ListCustomImages").param("RegionId", "cn-hangzhou").post().then().statusCode(200);

        Ram.call(TestAccount.A, "DetachPolicyFromRole").param("PolicyType", "System")
                .param("PolicyName", "AliyunSWASReadOnlyAccess").param("RoleName", roleName).post()
                .then().statusCode(200);
        long detached = System.nanoTime();
        while (System.nanoTime() - detached < Duration.ofSeconds(1).toNanos()) {
            Thread.onSpinWait();
        }
        session.call("ListCustomImages").param("RegionId", "cn-hangzhou").post().then().statusCode(403);
    }
}
