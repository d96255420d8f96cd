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
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Custom and system policies (contract 11.2): created, read with their default version, listed, versioned (at most
 * 5, also under concurrent calls), attached to users, detached, deleted only when nothing holds them.
 */
@QuarkusTest
class RamPoliciesTest {

    private static final String DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    private static final String ALLOW_ALL = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"swas-open:List*\", \"Resource\": \"*\"}]}";

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private static String document(int n) {
        return "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"swas-open:ListCustomImages\", "
                + "\"Resource\": \"acs:swas-open:*:*:customimage/m-" + n + "\"}]}";
    }

    @Test
    void aCustomPolicyIsCreatedReadListedAndDeleted() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMPOL");
        JsonPath created = Api.ram(account, "CreatePolicy").param("PolicyName", "Read-Images")
                .param("PolicyDocument", ALLOW_ALL).param("Description", "lists images").post()
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> policy = created.getMap("Policy");
        assertThat(policy).containsOnlyKeys("PolicyName", "PolicyType", "Description", "DefaultVersion", "CreateDate")
                .containsEntry("PolicyName", "Read-Images").containsEntry("PolicyType", "Custom")
                .containsEntry("Description", "lists images").containsEntry("DefaultVersion", "v1");
        assertThat((String) policy.get("CreateDate")).matches(DATE);

        JsonPath read = Api.ram(account, "GetPolicy").param("PolicyType", "Custom").param("PolicyName", "read-images")
                .post().then().statusCode(200).extract().jsonPath();
        assertThat(read.getMap("Policy")).containsOnlyKeys("PolicyName", "PolicyType", "Description", "DefaultVersion",
                "CreateDate", "UpdateDate", "AttachmentCount", "PolicyDocument")
                .containsEntry("PolicyName", "Read-Images").containsEntry("AttachmentCount", 0)
                .containsEntry("PolicyDocument", ALLOW_ALL);
        assertThat(read.getMap("DefaultPolicyVersion")).containsOnlyKeys("VersionId", "IsDefaultVersion",
                "PolicyDocument", "CreateDate").containsEntry("VersionId", "v1").containsEntry("IsDefaultVersion", true)
                .containsEntry("PolicyDocument", ALLOW_ALL);

        JsonPath custom = Api.ram(account, "ListPolicies").param("PolicyType", "Custom").post()
                .then().statusCode(200).extract().jsonPath();
        assertThat(custom.getList("Policies.Policy.PolicyName")).containsExactly("Read-Images");
        assertThat(custom.getMap("Policies.Policy[0]")).containsOnlyKeys("PolicyName", "PolicyType", "Description",
                "DefaultVersion", "CreateDate", "UpdateDate", "AttachmentCount");
        assertThat(custom.getBoolean("IsTruncated")).isFalse();

        Api.ram(account, "DeletePolicy").param("PolicyName", "READ-IMAGES").post().then().statusCode(200);
        assertJsonError(Api.ram(account, "GetPolicy").param("PolicyType", "Custom").param("PolicyName", "Read-Images")
                .post(), 404, "EntityNotExist.Policy", "The policy does not exist.");
        assertJsonError(Api.ram(account, "DeletePolicy").param("PolicyName", "Read-Images").post(),
                404, "EntityNotExist.Policy", "The policy does not exist.");
        assertThat(db.count("SELECT count(*) FROM ram_policy_version WHERE account_id = ?", account.accountId()))
                .isZero();
    }

    @Test
    void systemPoliciesExistInEveryAccountAndCannotBeCreatedOrDeleted() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMSYS");
        JsonPath system = Api.ram(account, "ListPolicies").param("PolicyType", "System").post()
                .then().statusCode(200).extract().jsonPath();
        assertThat(system.getList("Policies.Policy.PolicyName")).containsExactly("AdministratorAccess",
                "AliyunECSReadOnlyAccess", "AliyunRAMFullAccess", "AliyunSTSAssumeRoleAccess", "AliyunSWASFullAccess",
                "AliyunSWASReadOnlyAccess");
        assertThat(system.getList("Policies.Policy.PolicyType")).containsOnly("System");

        JsonPath admin = Api.ram(account, "GetPolicy").param("PolicyType", "System")
                .param("PolicyName", "AliyunSWASFullAccess").post().then().statusCode(200).extract().jsonPath();
        JsonPath document = new JsonPath(admin.getString("DefaultPolicyVersion.PolicyDocument"));
        assertThat(document.getString("Version")).isEqualTo("1");
        assertThat(document.getString("Statement[0].Effect")).isEqualTo("Allow");
        assertThat(document.getString("Statement[0].Action")).isEqualTo("swas-open:*");
        assertThat(document.getString("Statement[0].Resource")).isEqualTo("*");

        assertJsonError(Api.ram(account, "CreatePolicy").param("PolicyName", "AdministratorAccess")
                .param("PolicyDocument", ALLOW_ALL).post(), 409, "EntityAlreadyExists.Policy",
                "The policy does already EXIST.");
        assertJsonError(Api.ram(account, "DeletePolicy").param("PolicyName", "AdministratorAccess").post(),
                404, "EntityNotExist.Policy", "The policy does not exist.");
        assertJsonError(Api.ram(account, "GetPolicy").param("PolicyType", "Custom")
                .param("PolicyName", "AdministratorAccess").post(), 404, "EntityNotExist.Policy",
                "The policy does not exist.");
        assertJsonError(Api.ram(account, "GetPolicy").param("PolicyType", "Builtin")
                .param("PolicyName", "AdministratorAccess").post(), 400, "InvalidParameter.PolicyType",
                "The parameter - \"PolicyType\" is incorrect.");
    }

    @Test
    void listPoliciesPagesSystemThenCustomByName() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMPOLPAGE");
        RamSetup.createPolicy(account, "zz-last", ALLOW_ALL);
        RamSetup.createPolicy(account, "AA-first", ALLOW_ALL);
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            Api call = Api.ram(account, "ListPolicies").param("MaxItems", "3");
            if (marker != null) {
                call.param("Marker", marker);
            }
            JsonPath page = call.post().then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("Policies.Policy.PolicyName"));
            marker = page.getString("Marker");
            assertThat(page.getBoolean("IsTruncated")).isEqualTo(marker != null);
        } while (marker != null);
        assertThat(seen).containsExactly("AdministratorAccess", "AliyunECSReadOnlyAccess", "AliyunRAMFullAccess",
                "AliyunSTSAssumeRoleAccess", "AliyunSWASFullAccess", "AliyunSWASReadOnlyAccess", "AA-first", "zz-last");

        Response xml = Api.ram(account, "ListPolicies").param("PolicyType", "Custom").xml().post();
        xml.then().statusCode(200);
        assertThat(new XmlPath(xml.asString()).getList("ListPoliciesResponse.Policies.Policy.PolicyName"))
                .containsExactly("AA-first", "zz-last");
        assertThat(xml.asString()).contains("<Policies><Policy><PolicyName>AA-first</PolicyName>");
    }

    @Test
    void badPoliciesAreRefusedAtCreation() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMPOLBAD");
        Response blank = Api.ram(account, "CreatePolicy").param("PolicyName", "blank").param("PolicyDocument", " ")
                .post();
        blank.then().statusCode(400);
        assertThat(blank.jsonPath().getString("Code")).isEqualTo("MalformedPolicyDocument");
        assertThat(blank.jsonPath().getString("Message")).isNotBlank();
        assertJsonError(Api.ram(account, "CreatePolicy").param("PolicyName", "long")
                .param("PolicyDocument", "{" + " ".repeat(6143) + "}").post(), 400,
                "InvalidParameter.PolicyDocument.Length", "The parameter - \"PolicyDocument\" beyond the length limit.");
        assertJsonError(Api.ram(account, "CreatePolicy").param("PolicyName", "under_score")
                .param("PolicyDocument", ALLOW_ALL).post(), 400, "InvalidParameter.PolicyName.InvalidChars",
                "The parameter - \"PolicyName\" contains invalid chars.");
        assertJsonError(Api.ram(account, "CreatePolicy").param("PolicyName", "p".repeat(129))
                .param("PolicyDocument", ALLOW_ALL).post(), 400, "InvalidParameter.PolicyName.Length",
                "The parameter - \"PolicyName\" beyond the length limit.");
        assertJsonError(Api.ram(account, "CreatePolicy").param("PolicyName", "described")
                .param("PolicyDocument", ALLOW_ALL).param("Description", "d".repeat(1025)).post(), 400,
                "InvalidParameter.Description.Length", "The parameter - \"Description\" beyond the length limit.");
        RamSetup.createPolicy(account, "Taken", ALLOW_ALL);
        assertJsonError(Api.ram(account, "CreatePolicy").param("PolicyName", "TAKEN")
                .param("PolicyDocument", ALLOW_ALL).post(), 409, "EntityAlreadyExists.Policy",
                "The policy does already EXIST.");
        assertThat(db.count("SELECT count(*) FROM ram_policy WHERE account_id = ?", account.accountId())).isEqualTo(1);
    }

    @Test
    void versionsAreAddedUpToFiveAndRotatedOnRequest() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMVER");
        RamSetup.createPolicy(account, "versioned", document(1));
        JsonPath v2 = Api.ram(account, "CreatePolicyVersion").param("PolicyName", "versioned")
                .param("PolicyDocument", document(2)).post().then().statusCode(200).extract().jsonPath();
        assertThat(v2.getMap("PolicyVersion")).containsOnlyKeys("VersionId", "IsDefaultVersion", "PolicyDocument",
                "CreateDate").containsEntry("VersionId", "v2").containsEntry("IsDefaultVersion", false);
        Api.ram(account, "CreatePolicyVersion").param("PolicyName", "versioned").param("PolicyDocument", document(3))
                .param("SetAsDefault", "true").post().then().statusCode(200).body("PolicyVersion.IsDefaultVersion",
                        org.hamcrest.Matchers.equalTo(true));
        JsonPath read = Api.ram(account, "GetPolicy").param("PolicyType", "Custom").param("PolicyName", "versioned")
                .post().then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("Policy.DefaultVersion")).isEqualTo("v3");
        assertThat(read.getString("DefaultPolicyVersion.PolicyDocument")).isEqualTo(document(3));

        for (int n = 4; n <= 5; n++) {
            Api.ram(account, "CreatePolicyVersion").param("PolicyName", "versioned").param("PolicyDocument", document(n))
                    .post().then().statusCode(200);
        }
        assertJsonError(Api.ram(account, "CreatePolicyVersion").param("PolicyName", "versioned")
                .param("PolicyDocument", document(6)).post(), 409, "LimitExceeded.Policy.Version",
                "The count of policy version beyond the current limits.");
        Api.ram(account, "CreatePolicyVersion").param("PolicyName", "versioned").param("PolicyDocument", document(6))
                .param("RotateStrategy", "DeleteOldestNonDefaultVersionWhenLimitExceeded").post()
                .then().statusCode(200).body("PolicyVersion.VersionId", org.hamcrest.Matchers.equalTo("v6"));
        assertThat(db.column("SELECT version_id FROM ram_policy_version WHERE account_id = ? ORDER BY version_id",
                account.accountId())).containsExactly("v2", "v3", "v4", "v5", "v6");
        assertJsonError(Api.ram(account, "CreatePolicyVersion").param("PolicyName", "AdministratorAccess")
                .param("PolicyDocument", document(7)).post(), 404, "EntityNotExist.Policy",
                "The policy does not exist.");

        assertJsonError(Api.ram(account, "DeletePolicy").param("PolicyName", "versioned").post(),
                409, "DeleteConflict.Policy.Version", "The policy CAN NOT has any version except the default version.");
        Api.ram(account, "DeletePolicy").param("PolicyName", "versioned").param("CascadingDelete", "true").post()
                .then().statusCode(200);
        assertThat(db.count("SELECT count(*) FROM ram_policy_version WHERE account_id = ?", account.accountId()))
                .isZero();
    }

    @Test
    void versionsAreReadListedMadeDefaultAndDeleted() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMVEROPS");
        RamSetup.createPolicy(account, "ops", document(1));
        Api.ram(account, "CreatePolicyVersion").param("PolicyName", "ops").param("PolicyDocument", document(2)).post()
                .then().statusCode(200);

        JsonPath listed = Api.ram(account, "ListPolicyVersions").param("PolicyType", "Custom").param("PolicyName", "ops")
                .post().then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("PolicyVersions.PolicyVersion.VersionId")).containsExactly("v1", "v2");
        assertThat(listed.getList("PolicyVersions.PolicyVersion.IsDefaultVersion")).containsExactly(true, false);
        JsonPath v2 = Api.ram(account, "GetPolicyVersion").param("PolicyType", "Custom").param("PolicyName", "ops")
                .param("VersionId", "v2").post().then().statusCode(200).extract().jsonPath();
        assertThat(v2.getMap("PolicyVersion")).containsEntry("PolicyDocument", document(2))
                .containsEntry("IsDefaultVersion", false);
        assertJsonError(Api.ram(account, "GetPolicyVersion").param("PolicyType", "Custom").param("PolicyName", "ops")
                .param("VersionId", "v9").post(), 404, "EntityNotExist.Policy.Version", "The policy version does not exist.");
        assertJsonError(Api.ram(account, "GetPolicyVersion").param("PolicyType", "Custom").param("PolicyName", "ops")
                .param("VersionId", "2").post(), 400, "InvalidParameter.VersionId.Format",
                "The format of the parameter - \"VersionId\" is incorrect.");
        assertThat(Api.ram(account, "ListPolicyVersions").param("PolicyType", "System")
                .param("PolicyName", "AdministratorAccess").post().jsonPath()
                .getList("PolicyVersions.PolicyVersion.VersionId")).containsExactly("v1");

        Api.ram(account, "SetDefaultPolicyVersion").param("PolicyName", "ops").param("VersionId", "v2").post()
                .then().statusCode(200);
        assertThat(Api.ram(account, "GetPolicy").param("PolicyType", "Custom").param("PolicyName", "ops").post()
                .jsonPath().getString("DefaultPolicyVersion.PolicyDocument")).isEqualTo(document(2));
        assertJsonError(Api.ram(account, "DeletePolicyVersion").param("PolicyName", "ops").param("VersionId", "v2")
                .post(), 409, "DeleteConflict.Policy.Version.Default",
                "The default policy version CAN NOT been deleted directly.");
        Api.ram(account, "DeletePolicyVersion").param("PolicyName", "ops").param("VersionId", "v1").post()
                .then().statusCode(200);
        assertJsonError(Api.ram(account, "SetDefaultPolicyVersion").param("PolicyName", "ops").param("VersionId", "v1")
                .post(), 404, "EntityNotExist.Policy.Version", "The policy version does not exist.");
        // Only the default version is left: a plain delete is allowed.
        Api.ram(account, "DeletePolicy").param("PolicyName", "ops").post().then().statusCode(200);
    }

    @Test
    void aMalformedDocumentIsRefusedNamingWhatIsWrong() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMMALFORMED");
        assertJsonError(Api.ram(account, "CreatePolicy").param("PolicyName", "permit").param("PolicyDocument",
                "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Permit\", \"Action\": \"ecs:*\", "
                        + "\"Resource\": \"*\"}]}").post(), 400, "MalformedPolicyDocument",
                "Statement[0].Effect must be Allow or Deny.");
        RamSetup.createPolicy(account, "fine", ALLOW_ALL);
        Response version = Api.ram(account, "CreatePolicyVersion").param("PolicyName", "fine")
                .param("PolicyDocument", "{not json").post();
        version.then().statusCode(400);
        assertThat(version.jsonPath().getString("Code")).isEqualTo("MalformedPolicyDocument");
        assertThat(db.count("SELECT count(*) FROM ram_policy_version WHERE account_id = ?", account.accountId()))
                .isEqualTo(1);
    }

    @Test
    void concurrentVersionsCannotPassTheLimitOfFive() throws Exception {
        TestAccount account = RamSetup.freshAccount(keys, "RAMVERRACE");
        RamSetup.createPolicy(account, "raced", document(1));
        List<Response> answers = queuedBehind("SELECT 1 FROM ram_policy WHERE account_id = ? AND policy_key = 'raced' "
                + "FOR UPDATE", account, 8, i -> Api.ram(account, "CreatePolicyVersion").param("PolicyName", "raced")
                .param("PolicyDocument", document(100 + i)).post());

        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(4);
        assertThat(answers).filteredOn(r -> r.statusCode() != 200).hasSize(4).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.jsonPath().getString("Code")).isEqualTo("LimitExceeded.Policy.Version");
        });
        assertThat(db.column("SELECT version_id FROM ram_policy_version WHERE account_id = ? ORDER BY version_id",
                account.accountId())).containsExactly("v1", "v2", "v3", "v4", "v5");
    }

    @Test
    void attachedPoliciesAreListedAndHoldTheirUserAndPolicy() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMATT");
        RamSetup.createUser(account, "holder");
        Api.ram(account, "CreatePolicy").param("PolicyName", "Mine").param("PolicyDocument", ALLOW_ALL)
                .param("Description", "my own").post().then().statusCode(200);
        attach(account, "holder", "Custom", "mine").then().statusCode(200);
        attach(account, "holder", "System", "AliyunSWASReadOnlyAccess").then().statusCode(200);

        JsonPath listed = Api.ram(account, "ListPoliciesForUser").param("UserName", "holder").post()
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> policies = listed.getList("Policies.Policy");
        assertThat(policies).extracting(p -> p.get("PolicyName")).containsExactlyInAnyOrder("Mine",
                "AliyunSWASReadOnlyAccess");
        assertThat(policies).allSatisfy(p -> {
            assertThat(p.keySet()).containsAll(List.of("PolicyName", "PolicyType", "DefaultVersion", "AttachDate"))
                    .isSubsetOf("PolicyName", "PolicyType", "Description", "DefaultVersion", "AttachDate");
            assertThat((String) p.get("AttachDate")).matches(DATE);
        });
        assertThat(policies).filteredOn(p -> "Mine".equals(p.get("PolicyName")))
                .allSatisfy(p -> assertThat(p).containsEntry("Description", "my own").containsEntry("PolicyType", "Custom"));
        assertThat(Api.ram(account, "GetPolicy").param("PolicyType", "Custom").param("PolicyName", "Mine").post()
                .jsonPath().getInt("Policy.AttachmentCount")).isEqualTo(1);

        assertJsonError(attach(account, "holder", "Custom", "Mine"), 409, "EntityAlreadyExists.User.Policy",
                "The user has already been attached this policy.");
        assertJsonError(attach(account, "holder", "Custom", "Absent"), 404, "EntityNotExist.Policy",
                "The policy does not exist.");
        assertJsonError(attach(account, "nobody", "Custom", "Mine"), 404, "EntityNotExist.User",
                "The user does not exist.");
        assertJsonError(attach(account, "holder", "Other", "Mine"), 400, "InvalidParameter.PolicyType",
                "The parameter - \"PolicyType\" is incorrect.");
        assertJsonError(Api.ram(account, "DeletePolicy").param("PolicyName", "Mine").post(), 409,
                "DeleteConflict.Policy.User", "The policy CAN NOT been attached to any user while deleting the policy.");
        assertJsonError(Api.ram(account, "DeleteUser").param("UserName", "holder").post(), 409,
                "DeleteConflict.User.Policy", "The user CAN NOT has any attached policy while deleting the user.");

        detach(account, "holder", "Custom", "Mine").then().statusCode(200);
        detach(account, "holder", "System", "AliyunSWASReadOnlyAccess").then().statusCode(200);
        assertJsonError(detach(account, "holder", "Custom", "Mine"), 404, "EntityNotExist.User.Policy",
                "The indicate policy of the user does not exist.");
        assertThat(Api.ram(account, "ListPoliciesForUser").param("UserName", "holder").post().jsonPath()
                .getList("Policies.Policy")).isEmpty();
        Api.ram(account, "DeletePolicy").param("PolicyName", "Mine").post().then().statusCode(200);
        Api.ram(account, "DeleteUser").param("UserName", "holder").post().then().statusCode(200);
    }

    @Test
    void aUserHoldsAtMostTenCustomPolicies() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMATTLIM");
        RamSetup.createUser(account, "collector");
        for (int n = 1; n <= 11; n++) {
            RamSetup.createPolicy(account, "p" + n, ALLOW_ALL);
        }
        for (int n = 1; n <= 10; n++) {
            attach(account, "collector", "Custom", "p" + n).then().statusCode(200);
        }
        assertJsonError(attach(account, "collector", "Custom", "p11"), 409, "LimitExceeded.User.Policy",
                "The policy count of the user attached policies beyond the current limits.");
        // System policies count apart.
        attach(account, "collector", "System", "AdministratorAccess").then().statusCode(200);
    }

    @Test
    void deletePolicyAndAttachRacingLeaveNoAttachmentWithoutPolicy() throws Exception {
        TestAccount account = RamSetup.freshAccount(keys, "RAMPOLRACE");
        RamSetup.createUser(account, "u1");
        RamSetup.createUser(account, "u2");
        RamSetup.createPolicy(account, "contested", ALLOW_ALL);
        List<Response> answers = queuedBehind("SELECT 1 FROM ram_policy WHERE account_id = ? "
                + "AND policy_key = 'contested' FOR UPDATE", account, 3, i -> switch (i) {
                    case 0 -> Api.ram(account, "DeletePolicy").param("PolicyName", "contested").post();
                    default -> attach(account, "u" + i, "Custom", "contested");
                });

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isLessThan(500));
        long policies = db.count("SELECT count(*) FROM ram_policy WHERE account_id = ?", account.accountId());
        long attachments = db.count("SELECT count(*) FROM ram_attachment WHERE account_id = ?", account.accountId());
        if (answers.get(0).statusCode() == 200) {
            assertThat(policies).isZero();
            assertThat(attachments).isZero();
            assertThat(answers.subList(1, 3)).allSatisfy(r ->
                    assertThat(r.jsonPath().getString("Code")).isEqualTo("EntityNotExist.Policy"));
        } else {
            assertThat(answers.get(0).jsonPath().getString("Code")).isEqualTo("DeleteConflict.Policy.User");
            assertThat(policies).isEqualTo(1);
            assertThat(attachments).isEqualTo(answers.stream().filter(r -> r.statusCode() == 200).count())
                    .isPositive();
        }
    }

    private static Response attach(TestAccount account, String user, String type, String policy) {
        return Api.ram(account, "AttachPolicyToUser").param("UserName", user).param("PolicyType", type)
                .param("PolicyName", policy).post();
    }

    private static Response detach(TestAccount account, String user, String type, String policy) {
        return Api.ram(account, "DetachPolicyFromUser").param("UserName", user).param("PolicyType", type)
                .param("PolicyName", policy).post();
    }

    /** Fires the calls while a row is locked, so that they really queue together, then lets them go. */
    private List<Response> queuedBehind(String selectForUpdate, TestAccount account, int n, IntFunction<Response> call)
            throws Exception {
        CompletableFuture<List<Response>> calls;
        try (Db.RowLock held = db.lock(selectForUpdate, account.accountId())) {
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
