package cloud.swas.sts;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.SessionTokens;
import cloud.swas.support.Api;
import cloud.swas.support.NodeProject;
import cloud.swas.support.Ram;
import cloud.swas.support.RamFixtures;
import cloud.swas.support.TestAccount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The official Node clients with STS, unchanged ({@code src/test/node/sts-sdk.js}): {@code @alicloud/sts20150401}
 * AssumeRole over HTTPS and GetCallerIdentity, the session with {@code @alicloud/swas-open20200601} (allowed,
 * denied, expired, mismatched), and {@code @alicloud/credentials} of type {@code ram_role_arn}, which calls STS
 * over HTTPS by itself and refreshes its session. The client trusts the test's CA through
 * {@code NODE_EXTRA_CA_CERTS}; certificate checks stay on.
 */
@QuarkusTest
@TestProfile(HttpsTest.Tls.class)
class NodeStsClientTest {

    @TestHTTPResource("/")
    URL http;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    SessionTokens tokens;

    @Test
    void theOfficialNodeClientsAssumeARoleAndUseAndRefreshTheSession() throws Exception {
        NodeProject.assumeInstalled("@alicloud/credentials");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String userName = "node-sts-" + suffix;
        TestAccount user = Ram.userWithSystemPolicies(TestAccount.A, userName, "AliyunSTSAssumeRoleAccess");
        String roleName = "NodeRole" + suffix;
        String roleId = Ram.call(TestAccount.A, "CreateRole").param("RoleName", roleName)
                .param("AssumeRolePolicyDocument", RamFixtures.trust(RamFixtures.user(TestAccount.A.accountId(), userName)))
                .post().then().statusCode(200).extract().jsonPath().getString("Role.RoleId");
        String policyName = "node-share-" + suffix;
        Ram.call(TestAccount.A, "CreatePolicy").param("PolicyName", policyName).param("PolicyDocument",
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"swas-open:ListCustomImages\",\"swas-open:ModifyImageShareStatus\"],\"Resource\":\"*\"}]}")
                .post().then().statusCode(200);
        Ram.call(TestAccount.A, "AttachPolicyToRole").param("PolicyType", "Custom").param("PolicyName", policyName)
                .param("RoleName", roleName).post().then().statusCode(200);
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "node-sts-" + suffix);
        SessionTokens.Issued expired = tokens.issue(TestAccount.A.accountId(), roleId, roleName, "expired", null,
                Instant.now().minusSeconds(1));
        String roleArn = "acs:ram::" + TestAccount.A.accountId() + ":role/" + roleName;

        String output = NodeProject.node(List.of("sts-sdk.js", Integer.toString(http.getPort()),
                        Integer.toString(https.getPort()), user.accessKeyId(), user.secret(), roleArn, imageId,
                        expired.accessKeyId(), expired.accessKeySecret(), expired.securityToken()), 180,
                Map.of("NODE_EXTRA_CA_CERTS", HttpsTest.CERTIFICATES.caCertificate().toString()));

        Map<String, JsonNode> steps = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode node = json.readTree(line);
            steps.merge(node.path("step").asText(), node, (a, b) -> b);
        }
        assertThat(steps).as(output).doesNotContainKey("unexpected");
        JsonNode assumed = steps.get("assumeRole");
        assertThat(assumed.path("accessKeyId").asText()).startsWith("STS.");
        assertThat(assumed.path("arn").asText()).isEqualTo("acs:ram::" + TestAccount.A.accountId() + ":role/"
                + roleName.toLowerCase() + "/node-sdk");
        assertThat(assumed.path("assumedRoleId").asText()).isEqualTo(roleId + ":node-sdk");
        JsonNode identity = steps.get("identity");
        assertThat(identity.path("identityType").asText()).isEqualTo("AssumedRoleUser");
        assertThat(identity.path("roleId").asText()).isEqualTo(roleId);
        assertThat(identity.path("accountId").asText()).isEqualTo(Long.toString(TestAccount.A.accountId()));
        assertThat(steps.get("list").path("totalCount").asInt()).isEqualTo(1);
        assertThat(steps.get("share").path("requestId").asText()).matches("[0-9A-F-]{36}");
        assertThat(steps.get("deleteDenied").path("code").asText()).isEqualTo("Forbidden.RAM");
        assertThat(steps.get("deleteDenied").path("statusCode").asInt()).isEqualTo(403);
        assertThat(steps.get("deleteDenied").path("detail").path("AuthPrincipalType").asText())
                .isEqualTo("AssumedRoleUser");
        assertThat(steps.get("expired").path("code").asText()).isEqualTo("InvalidSecurityToken.Expired");
        assertThat(steps.get("mismatch").path("code").asText())
                .isEqualTo("InvalidSecurityToken.MismatchWithAccessKey");
        assertThat(steps.get("credentialsCall").path("totalCount").asInt()).isEqualTo(1);
        assertThat(steps.get("credentialsCall").path("accessKeyId").asText()).startsWith("STS.");
        // Three calls, each with a session the library fetched anew over HTTPS.
        assertThat(steps.get("credentialsKeys").path("distinct").asInt()).isGreaterThanOrEqualTo(2);
    }
}
