package cloud.swas.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Db;
import cloud.swas.support.NodeProject;
import cloud.swas.support.TestAccount;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.Client;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The official clients drive RAM unchanged: the Node SDK {@code @alicloud/ram20150501} 1.2.1 (signature V3) creates a
 * user, its key, a policy with a second version, attachments and a role, and reads them back through its models
 * (so names and JSON types are the SDK's); the Java Tea SDK's generic {@code doRPCRequest} (V1) makes RAM calls too.
 */
@QuarkusTest
class RamSdkTest {

    @TestHTTPResource("/")
    URL url;

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private TestAccount freshAccount(String label) {
        TestAccount account = TestAccount.fresh(label);
        keys.upsert(account.accountId(), account.accessKeyId(), account.secret());
        return account;
    }

    @Test
    void theNodeRamSdkCreatesAndReadsBackUsersKeysPoliciesAndRoles() throws Exception {
        NodeProject.assumeInstalled("@alicloud/ram20150501");
        TestAccount account = freshAccount("RAMNODE");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String output = NodeProject.node(List.of("ram-sdk.js", Integer.toString(url.getPort()),
                Long.toString(account.accountId()), account.accessKeyId(), account.secret(), suffix), 180);
        Map<String, JsonNode> steps = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode node = json.readTree(line);
            steps.put(node.path("step").asText(), node);
        }
        String userName = "sdk-user-" + suffix;
        String policyName = "sdk-policy-" + suffix;
        String roleName = "sdk-role-" + suffix;

        assertThat(steps.get("createUser").path("userId").asText()).matches("[1-9]\\d{15}");
        assertThat(steps.get("createUser").path("displayName").asText()).isEqualTo("SDK user");
        assertThat(steps.get("getUser").path("comments").asText()).isEqualTo("made by the Node SDK");
        assertThat(steps.get("getUser").path("updateDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(steps.get("createUserAgain").path("code").asText()).isEqualTo("EntityAlreadyExists.User");
        assertThat(steps.get("createUserAgain").path("statusCode").asInt()).isEqualTo(409);
        assertThat(steps.get("listUsers").path("names").get(0).asText()).isEqualTo(userName);
        assertThat(steps.get("listUsers").path("isTruncated").isBoolean()).isTrue();

        assertThat(steps.get("createAccessKey").path("accessKeyId").asText()).matches("LTAI[0-9A-Za-z]{20}");
        assertThat(steps.get("createAccessKey").path("secretLength").asInt()).isEqualTo(30);
        assertThat(steps.get("createAccessKey").path("status").asText()).isEqualTo("Active");
        assertThat(steps.get("listAccessKeys").path("ids").get(0).asText())
                .isEqualTo(steps.get("createAccessKey").path("accessKeyId").asText());
        assertThat(steps.get("listAccessKeys").path("secrets").asInt()).isZero();

        assertThat(steps.get("createPolicy").path("policyType").asText()).isEqualTo("Custom");
        assertThat(steps.get("createPolicy").path("defaultVersion").asText()).isEqualTo("v1");
        assertThat(steps.get("createPolicyVersion").path("versionId").asText()).isEqualTo("v2");
        assertThat(steps.get("createPolicyVersion").path("isDefaultVersion").isBoolean()).isTrue();
        assertThat(steps.get("createPolicyVersion").path("isDefaultVersion").asBoolean()).isTrue();
        assertThat(steps.get("getPolicy").path("defaultVersion").asText()).isEqualTo("v2");
        assertThat(steps.get("getPolicy").path("attachmentCount").isNumber()).isTrue();
        assertThat(steps.get("getPolicy").path("document").asText()).contains("ram:GetUser");
        assertThat(steps.get("getPolicy").path("isDefault").asBoolean()).isTrue();
        assertThat(steps.get("getMissingPolicy").path("code").asText()).isEqualTo("EntityNotExist.Policy");
        assertThat(steps.get("getMissingPolicy").path("statusCode").asInt()).isEqualTo(404);
        assertThat(steps.get("listPolicies").path("names").get(0).asText()).isEqualTo(policyName);
        assertThat(steps.get("listPoliciesForUser").path("names").get(0).asText()).isEqualTo(policyName);
        assertThat(steps.get("listPoliciesForUser").path("types").get(0).asText()).isEqualTo("Custom");
        assertThat(steps.get("deleteAttachedPolicy").path("code").asText()).isEqualTo("DeleteConflict.Policy.User");

        assertThat(steps.get("createRole").path("roleId").asText()).matches("[1-9]\\d{15}");
        assertThat(steps.get("createRole").path("arn").asText())
                .isEqualTo("acs:ram::" + account.accountId() + ":role/" + roleName);
        assertThat(steps.get("createRole").path("maxSessionDuration").isNumber()).isTrue();
        assertThat(steps.get("createRole").path("maxSessionDuration").asInt()).isEqualTo(7200);
        assertThat(steps.get("listPoliciesForRole").path("names").get(0).asText()).isEqualTo("AliyunSWASReadOnlyAccess");
        assertThat(steps.get("updateRole").path("maxSessionDuration").asInt()).isEqualTo(3600);
        assertThat(steps.get("getRole").path("document").asText()).contains("sts:AssumeRole");
        assertThat(steps.get("listRoles").path("names").get(0).asText()).isEqualTo(roleName);

        assertThat(steps.get("userReadsItself").path("userName").asText()).isEqualTo(userName);
        assertThat(steps.get("userListsUsers").path("code").asText()).isEqualTo("Forbidden.RAM");
        assertThat(steps.get("userListsUsers").path("statusCode").asInt()).isEqualTo(403);
        assertThat(steps.get("deleteUserWithKey").path("code").asText()).isEqualTo("DeleteConflict.User.AccessKey");
        assertThat(steps).containsKey("cleanedUp");
        assertThat(db.count("SELECT count(*) FROM ram_user WHERE account_id = ?", account.accountId())).isZero();
        assertThat(db.count("SELECT count(*) FROM ram_role WHERE account_id = ?", account.accountId())).isZero();
    }

    private Client teaClient(TestAccount account) throws Exception {
        return new Client(new Config().setAccessKeyId(account.accessKeyId()).setAccessKeySecret(account.secret())
                .setEndpoint("127.0.0.1:" + url.getPort()).setProtocol("HTTP"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rpc(Client client, String action, Map<String, Object> parameters)
            throws Exception {
        Map<String, ?> response = client.doRPCRequest(action, "2015-05-01", "HTTPS", "POST", "AK", "json",
                OpenApiRequest.build(Map.of("query", parameters)), new RuntimeOptions());
        return (Map<String, Object>) response.get("body");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTeaSdksGenericCallMakesRamCalls() throws Exception {
        TestAccount account = freshAccount("RAMTEA");
        Client client = teaClient(account);
        Map<String, Object> user = (Map<String, Object>) rpc(client, "CreateUser",
                Map.of("UserName", "tea-user", "DisplayName", "Tea")).get("User");
        assertThat(user).containsEntry("UserName", "tea-user").containsEntry("DisplayName", "Tea");
        Map<String, Object> key = (Map<String, Object>) rpc(client, "CreateAccessKey",
                Map.of("UserName", "tea-user")).get("AccessKey");
        assertThat((String) key.get("AccessKeyId")).matches("LTAI[0-9A-Za-z]{20}");
        rpc(client, "AttachPolicyToUser", Map.of("UserName", "tea-user", "PolicyType", "System",
                "PolicyName", "AliyunRAMFullAccess"));
        Map<String, Object> policies = (Map<String, Object>) rpc(client, "ListPoliciesForUser",
                Map.of("UserName", "tea-user")).get("Policies");
        assertThat((List<Map<String, Object>>) policies.get("Policy")).extracting(p -> p.get("PolicyName"))
                .containsExactly("AliyunRAMFullAccess");

        // The user's key, allowed ram:* by the system policy, signs V1 through the same SDK.
        Client asUser = teaClient(new TestAccount(account.accountId(), (String) key.get("AccessKeyId"),
                (String) key.get("AccessKeySecret")));
        Map<String, Object> listed = rpc(asUser, "ListUsers", Map.of("MaxItems", "10"));
        assertThat(((Map<String, Object>) listed.get("Users")).get("User")).asList().hasSize(1);
        assertThat(listed.get("IsTruncated")).isEqualTo(false);

        TeaException error = catchThrowableOfType(TeaException.class,
                () -> rpc(client, "DeleteUser", Map.of("UserName", "tea-user")));
        assertThat(error.getCode()).isEqualTo("DeleteConflict.User.AccessKey");
        assertThat(error.getData()).containsEntry("Message",
                "The user CAN NOT has any access key while deleting the user.");
    }
}
