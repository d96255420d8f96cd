package cloud.swas.ram;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.api.ApiOperation;
import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Ram;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every registered action is enforced (contract 11.4): a RAM user with no policy, calling it with valid parameters,
 * gets 403 Forbidden.RAM whose AuthAction is the RAM action the contract names, except where the contract exempts
 * the call. The expected RAM actions are written here as literals, never read from the operation, so a new action
 * without a row of {@link #TABLE} fails this test until someone says what it requires.
 */
@QuarkusTest
class EveryActionEnforcedTest {

    private static final String SWAS = "2020-06-01";
    private static final String ECS = "2014-05-26";
    private static final String RAM = "2015-05-01";
    private static final String STS = "2015-04-01";
    private static final String REGION = "cn-hangzhou";
    /** Placeholders in the parameters, replaced per run: the owner's image, account and another account. */
    private static final String IMAGE = "{image}";
    private static final String ACCOUNT = "{account}";
    private static final String OTHER_ACCOUNT = "{other}";
    private static final String POLICY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"swas-open:ListCustomImages\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:AssumeRole\",\"Principal\":{\"RAM\":[\"acs:ram::" + ACCOUNT + ":root\"]}}]}";

    /** The RAM action a call requires, or null where any authenticated caller may make it; its valid parameters. */
    private record Row(String ramAction, Map<String, String> parameters) {
    }

    private static final Map<String, Row> TABLE = new LinkedHashMap<>();

    private static void row(String version, String action, String ramAction, String... parameters) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], parameters[i + 1]);
        }
        TABLE.put(version + " " + action, new Row(ramAction, map));
    }

    static {
        row(SWAS, "CreateCustomImage", "swas-open:CreateCustomImage", "RegionId", REGION, "ImageName", "denied-image",
                "InstanceId", "i-denied", "SystemSnapshotId", "s-denied");
        row(SWAS, "DeleteCustomImage", "swas-open:DeleteCustomImage", "RegionId", REGION, "ImageId", IMAGE);
        row(SWAS, "DeleteCustomImages", "swas-open:DeleteCustomImages", "RegionId", REGION,
                "ImageIds", "[\"" + IMAGE + "\"]");
        row(SWAS, "ModifyImageShareStatus", "swas-open:ModifyImageShareStatus", "RegionId", REGION, "ImageId", IMAGE,
                "Operation", "Share");
        row(SWAS, "AddCustomImageShareAccount", "swas-open:AddCustomImageShareAccount", "RegionId", REGION,
                "ImageId", IMAGE, "Account.1", OTHER_ACCOUNT);
        row(SWAS, "RemoveCustomImageShareAccount", "swas-open:RemoveCustomImageShareAccount", "RegionId", REGION,
                "ImageId", IMAGE, "Account.1", OTHER_ACCOUNT);
        row(SWAS, "ListCustomImageShareAccounts", "swas-open:ListCustomImageShareAccounts", "RegionId", REGION,
                "ImageId", IMAGE);
        row(SWAS, "ListCustomImages", "swas-open:ListCustomImages", "RegionId", REGION);
        row(SWAS, "ListImages", "swas-open:ListImages", "RegionId", REGION);
        row(SWAS, "ListRegions", null);
        row(ECS, "DescribeImages", "ecs:DescribeImages", "RegionId", REGION);

        row(RAM, "CreateUser", "ram:CreateUser", "UserName", "denied-new-user");
        row(RAM, "GetUser", "ram:GetUser", "UserName", "target");
        row(RAM, "UpdateUser", "ram:UpdateUser", "UserName", "target", "NewDisplayName", "renamed");
        row(RAM, "DeleteUser", "ram:DeleteUser", "UserName", "target");
        row(RAM, "ListUsers", "ram:ListUsers");
        row(RAM, "CreateAccessKey", "ram:CreateAccessKey", "UserName", "target");
        row(RAM, "ListAccessKeys", "ram:ListAccessKeys", "UserName", "target");
        row(RAM, "UpdateAccessKey", "ram:UpdateAccessKey", "UserName", "target", "UserAccessKeyId", "LTAIdenied",
                "Status", "Inactive");
        row(RAM, "DeleteAccessKey", "ram:DeleteAccessKey", "UserName", "target", "UserAccessKeyId", "LTAIdenied");
        row(RAM, "CreatePolicy", "ram:CreatePolicy", "PolicyName", "denied-policy", "PolicyDocument", POLICY);
        row(RAM, "GetPolicy", "ram:GetPolicy", "PolicyType", "Custom", "PolicyName", "target-policy");
        row(RAM, "ListPolicies", "ram:ListPolicies");
        row(RAM, "DeletePolicy", "ram:DeletePolicy", "PolicyName", "target-policy");
        row(RAM, "CreatePolicyVersion", "ram:CreatePolicyVersion", "PolicyName", "target-policy",
                "PolicyDocument", POLICY, "SetAsDefault", "true");
        row(RAM, "GetPolicyVersion", "ram:GetPolicyVersion", "PolicyType", "Custom", "PolicyName", "target-policy",
                "VersionId", "v1");
        row(RAM, "ListPolicyVersions", "ram:ListPolicyVersions", "PolicyType", "Custom", "PolicyName", "target-policy");
        row(RAM, "SetDefaultPolicyVersion", "ram:SetDefaultPolicyVersion", "PolicyName", "target-policy",
                "VersionId", "v1");
        row(RAM, "DeletePolicyVersion", "ram:DeletePolicyVersion", "PolicyName", "target-policy", "VersionId", "v1");
        // The user granting itself full access: the escalation a policy must prevent.
        row(RAM, "AttachPolicyToUser", "ram:AttachPolicyToUser", "PolicyType", "System",
                "PolicyName", "AdministratorAccess", "UserName", "nobody");
        row(RAM, "DetachPolicyFromUser", "ram:DetachPolicyFromUser", "PolicyType", "System",
                "PolicyName", "AdministratorAccess", "UserName", "target");
        row(RAM, "ListPoliciesForUser", "ram:ListPoliciesForUser", "UserName", "target");
        row(RAM, "AttachPolicyToRole", "ram:AttachPolicyToRole", "PolicyType", "System",
                "PolicyName", "AdministratorAccess", "RoleName", "target-role");
        row(RAM, "DetachPolicyFromRole", "ram:DetachPolicyFromRole", "PolicyType", "System",
                "PolicyName", "AdministratorAccess", "RoleName", "target-role");
        row(RAM, "ListPoliciesForRole", "ram:ListPoliciesForRole", "RoleName", "target-role");
        row(RAM, "CreateRole", "ram:CreateRole", "RoleName", "denied-role", "AssumeRolePolicyDocument", TRUST);
        row(RAM, "GetRole", "ram:GetRole", "RoleName", "target-role");
        row(RAM, "UpdateRole", "ram:UpdateRole", "RoleName", "target-role", "NewDescription", "changed");
        row(RAM, "DeleteRole", "ram:DeleteRole", "RoleName", "target-role");
        row(RAM, "ListRoles", "ram:ListRoles");

        // STS (contract 11.6): AssumeRole also needs the role's trust policy, checked after this.
        row(STS, "AssumeRole", "sts:AssumeRole", "RoleArn", "acs:ram::" + ACCOUNT + ":role/target-role",
                "RoleSessionName", "denied-session");
        row(STS, "GetCallerIdentity", null);
    }

    @Inject
    @Any
    Instance<ApiOperation<?>> operations;

    @Inject
    AccessKeyStore keys;

    @Test
    void aUserWithoutPoliciesIsDeniedEveryActionTheContractChecks() {
        TestAccount owner = TestAccount.fresh("every");
        keys.upsert(owner.accountId(), owner.accessKeyId(), owner.secret());
        String imageId = Api.createImage(owner, REGION, "every-" + UUID.randomUUID().toString().substring(0, 8));
        TestAccount nobody = Ram.user(owner, "nobody");

        List<String> registered = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        for (ApiOperation<?> operation : operations) {
            String key = operation.version() + " " + operation.action();
            registered.add(key);
            Row row = TABLE.get(key);
            if (row == null) {
                softly.fail("%s is registered but has no row: add the action to the table of EveryActionEnforcedTest "
                        + "with the RAM action contract 11.4 gives it", key);
                continue;
            }
            Api call = Api.call(nobody, operation.action()).param("Version", operation.version());
            row.parameters().forEach((name, value) -> call.param(name, value.replace(IMAGE, imageId)
                    .replace(ACCOUNT, Long.toString(owner.accountId()))
                    .replace(OTHER_ACCOUNT, Long.toString(TestAccount.B.accountId()))));
            Response response = call.post();
            JsonPath body = response.jsonPath();
            if (row.ramAction() == null) {
                softly.assertThat(response.statusCode()).as("%s is not checked (contract 11.4): %s", key,
                        response.asString()).isEqualTo(200);
                continue;
            }
            softly.assertThat(response.statusCode()).as("%s: %s", key, response.asString()).isEqualTo(403);
            softly.assertThat(body.getString("Code")).as("%s Code", key).isEqualTo("Forbidden.RAM");
            softly.assertThat(body.getString("AccessDeniedDetail.AuthAction")).as("%s AuthAction", key)
                    .isEqualTo(row.ramAction());
            softly.assertThat(body.getString("AccessDeniedDetail.AuthPrincipalDisplayName")).as("%s principal", key)
                    .isEqualTo("nobody");
            softly.assertThat(body.getString("AccessDeniedDetail.NoPermissionType")).as("%s NoPermissionType", key)
                    .isEqualTo("ImplicitDeny");
        }
        softly.assertAll();
        // Every row names a registered action: a row left behind means an action was lost.
        assertThat(registered).containsAll(TABLE.keySet());
    }
}
