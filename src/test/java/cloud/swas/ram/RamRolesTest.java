package cloud.swas.ram;

import static cloud.swas.support.ErrorAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RAM roles (contract 11.1, 11.2): trust policy, session duration, attached policies, deletion when bare. */
@QuarkusTest
class RamRolesTest {

    private static final String DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    private static final String ALLOW_ALL = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"swas-open:List*\", \"Resource\": \"*\"}]}";

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private static String trust(TestAccount account) {
        return String.format(RamSetup.TRUST_ACCOUNT, account.accountId());
    }

    @Test
    void aRoleIsCreatedReadUpdatedListedAndDeleted() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMROLE");
        JsonPath created = Api.ram(account, "CreateRole").param("RoleName", "Deployer.CI")
                .param("AssumeRolePolicyDocument", trust(account)).param("Description", "CI deploys").post()
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> role = created.getMap("Role");
        assertThat(role).containsOnlyKeys("RoleId", "RoleName", "Arn", "Description", "AssumeRolePolicyDocument",
                "MaxSessionDuration", "CreateDate");
        assertThat((String) role.get("RoleId")).matches("[1-9]\\d{15}");
        assertThat(role).containsEntry("RoleName", "Deployer.CI")
                .containsEntry("Arn", "acs:ram::" + account.accountId() + ":role/Deployer.CI")
                .containsEntry("MaxSessionDuration", 3600).containsEntry("AssumeRolePolicyDocument", trust(account));
        assertThat((String) role.get("CreateDate")).matches(DATE);

        Map<String, Object> read = Api.ram(account, "GetRole").param("RoleName", "deployer.ci").post()
                .then().statusCode(200).extract().jsonPath().getMap("Role");
        assertThat(read).containsEntry("RoleId", role.get("RoleId")).containsKey("UpdateDate");

        String narrower = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", "
                + "\"Principal\": {\"RAM\": [\"acs:ram::" + account.accountId() + ":user/ci\"]}}]}";
        Map<String, Object> updated = Api.ram(account, "UpdateRole").param("RoleName", "Deployer.CI")
                .param("NewAssumeRolePolicyDocument", narrower).param("NewMaxSessionDuration", "43200").post()
                .then().statusCode(200).extract().jsonPath().getMap("Role");
        assertThat(updated).containsEntry("AssumeRolePolicyDocument", narrower)
                .containsEntry("MaxSessionDuration", 43200).containsEntry("Description", "CI deploys");
        assertThat(db.count("SELECT max_session_duration FROM ram_role WHERE account_id = ?", account.accountId()))
                .isEqualTo(43200);

        JsonPath listed = Api.ram(account, "ListRoles").post().then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("Roles.Role.RoleName")).containsExactly("Deployer.CI");
        assertThat(listed.getMap("Roles.Role[0]")).doesNotContainKey("AssumeRolePolicyDocument")
                .containsEntry("MaxSessionDuration", 43200);
        assertThat(listed.getBoolean("IsTruncated")).isFalse();

        Api.ram(account, "DeleteRole").param("RoleName", "DEPLOYER.CI").post().then().statusCode(200);
        assertJsonError(Api.ram(account, "GetRole").param("RoleName", "Deployer.CI").post(), 404,
                "EntityNotExist.Role", "The role does not exist.");
        assertJsonError(Api.ram(account, "DeleteRole").param("RoleName", "Deployer.CI").post(), 404,
                "EntityNotExist.Role", "The role does not exist.");
    }

    @Test
    void badRolesAreRefused() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMROLEBAD");
        assertJsonError(Api.ram(account, "CreateRole").param("RoleName", "under_score")
                .param("AssumeRolePolicyDocument", trust(account)).post(), 400, "InvalidParameter.RoleName.InvalidChars",
                "The parameter - \"RoleName\" contains invalid chars.");
        assertJsonError(Api.ram(account, "CreateRole").param("RoleName", "r".repeat(65))
                .param("AssumeRolePolicyDocument", trust(account)).post(), 400, "InvalidParameter.RoleName.Length",
                "The parameter - \"RoleName\" beyond the length limit.");
        for (String duration : List.of("3599", "43201", "long")) {
            assertJsonError(Api.ram(account, "CreateRole").param("RoleName", "timed")
                    .param("AssumeRolePolicyDocument", trust(account)).param("MaxSessionDuration", duration).post(),
                    400, "InvalidParameter", "The specified parameter \"MaxSessionDuration\" is not valid.");
        }
        Response blank = Api.ram(account, "CreateRole").param("RoleName", "untrusting")
                .param("AssumeRolePolicyDocument", " ").post();
        blank.then().statusCode(400);
        assertThat(blank.jsonPath().getString("Code")).isEqualTo("MalformedPolicyDocument");
        assertThat(blank.jsonPath().getString("Message")).isNotBlank();
        assertJsonError(Api.ram(account, "CreateRole").param("RoleName", "untrusting").post(), 400,
                "MissingParameter", "The input parameter \"AssumeRolePolicyDocument\" that is mandatory for processing "
                        + "this request is not supplied.");

        Api.ram(account, "CreateRole").param("RoleName", "Once").param("AssumeRolePolicyDocument", trust(account))
                .post().then().statusCode(200);
        assertJsonError(Api.ram(account, "CreateRole").param("RoleName", "ONCE")
                .param("AssumeRolePolicyDocument", trust(account)).post(), 409, "EntityAlreadyExists.Role",
                "The role does already EXIST.");
        assertJsonError(Api.ram(account, "UpdateRole").param("RoleName", "Once").param("NewMaxSessionDuration", "100")
                .post(), 400, "InvalidParameter", "The specified parameter \"NewMaxSessionDuration\" is not valid.");
        assertJsonError(Api.ram(account, "UpdateRole").param("RoleName", "Never").param("NewMaxSessionDuration",
                "7200").post(), 404, "EntityNotExist.Role", "The role does not exist.");
        assertThat(db.count("SELECT count(*) FROM ram_role WHERE account_id = ?", account.accountId())).isEqualTo(1);
    }

    @Test
    void listRolesPagesByNameInJsonAndXml() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMROLEPAGE");
        for (String name : List.of("c-role", "a-role", "B-role")) {
            Api.ram(account, "CreateRole").param("RoleName", name).param("AssumeRolePolicyDocument", trust(account))
                    .post().then().statusCode(200);
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            Api call = Api.ram(account, "ListRoles").param("MaxItems", "2");
            if (marker != null) {
                call.param("Marker", marker);
            }
            JsonPath page = call.post().then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("Roles.Role.RoleName"));
            marker = page.getString("Marker");
        } while (marker != null);
        assertThat(seen).containsExactly("a-role", "B-role", "c-role");

        Response xml = Api.ram(account, "ListRoles").xml().post();
        xml.then().statusCode(200);
        assertThat(new XmlPath(xml.asString()).getList("ListRolesResponse.Roles.Role.RoleName"))
                .containsExactly("a-role", "B-role", "c-role");
    }

    @Test
    void policiesAttachedToARoleHoldIt() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMROLEATT");
        Api.ram(account, "CreateRole").param("RoleName", "worker").param("AssumeRolePolicyDocument", trust(account))
                .post().then().statusCode(200);
        for (int n = 1; n <= 6; n++) {
            RamSetup.createPolicy(account, "r" + n, ALLOW_ALL);
        }
        for (int n = 1; n <= 5; n++) {
            attach(account, "Custom", "r" + n).then().statusCode(200);
        }
        assertJsonError(attach(account, "Custom", "r6"), 409, "LimitExceeded.Role.Policy",
                "The count of policies attached to the role beyond the current limits.");
        attach(account, "System", "AliyunSWASReadOnlyAccess").then().statusCode(200);
        assertJsonError(attach(account, "Custom", "r1"), 409, "EntityAlreadyExists.Role.Policy",
                "The role has already been attached this policy.");

        JsonPath listed = Api.ram(account, "ListPoliciesForRole").param("RoleName", "worker").post()
                .then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("Policies.Policy.PolicyName")).containsExactlyInAnyOrder("r1", "r2", "r3", "r4",
                "r5", "AliyunSWASReadOnlyAccess");

        assertJsonError(Api.ram(account, "DeleteRole").param("RoleName", "worker").post(), 409,
                "DeleteConflict.Role.Policy", "The role CAN NOT has any attached policy while deleting the role.");
        assertJsonError(Api.ram(account, "DeletePolicy").param("PolicyName", "r1").post(), 409,
                "DeleteConflict.Policy.Role", "The policy cannot be attached to any role when you delete it.");

        for (int n = 1; n <= 5; n++) {
            detach(account, "Custom", "r" + n).then().statusCode(200);
        }
        detach(account, "System", "AliyunSWASReadOnlyAccess").then().statusCode(200);
        assertJsonError(detach(account, "Custom", "r1"), 404, "EntityNotExist.Role.Policy",
                "The indicate policy of the role does not exist.");
        Api.ram(account, "DeleteRole").param("RoleName", "worker").post().then().statusCode(200);
        Api.ram(account, "DeletePolicy").param("PolicyName", "r1").post().then().statusCode(200);
    }

    private static Response attach(TestAccount account, String type, String policy) {
        return Api.ram(account, "AttachPolicyToRole").param("RoleName", "worker").param("PolicyType", type)
                .param("PolicyName", policy).post();
    }

    private static Response detach(TestAccount account, String type, String policy) {
        return Api.ram(account, "DetachPolicyFromRole").param("RoleName", "worker").param("PolicyType", type)
                .param("PolicyName", policy).post();
    }
}
