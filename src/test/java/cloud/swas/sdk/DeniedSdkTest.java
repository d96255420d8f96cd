package cloud.swas.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.NodeProject;
import cloud.swas.support.Ram;
import cloud.swas.support.TestAccount;
import com.aliyun.swas_open20200601.Client;
import com.aliyun.swas_open20200601.models.DeleteCustomImageRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A RAM user's denied call through the official SDKs, unchanged: each surfaces 403 {@code Forbidden.RAM} and the
 * {@code AccessDeniedDetail} of contract 11.5 on its exception (issue 26: at least the Node SDK and the Java Tea SDK).
 * The user has no policy, so every checked call is an {@code ImplicitDeny} of the account's identity-based policies.
 */
@QuarkusTest
class DeniedSdkTest {

    private static final String REGION = "cn-hangzhou";
    private static final String UUID_UPPER = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";

    @TestHTTPResource("/")
    URL url;

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private TestAccount owner;
    private String imageId;

    @BeforeEach
    void accountWithAnImage() {
        owner = TestAccount.fresh("sdkdeny");
        keys.upsert(owner.accountId(), owner.accessKeyId(), owner.secret());
        imageId = Api.createImage(owner, REGION, "sdk-deny-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private long images() {
        return db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND image_id = ?",
                owner.accountId(), imageId);
    }

    private void assertDetail(Map<String, Object> detail, String action, String userName) {
        assertThat(detail).isNotNull();
        assertThat(detail).containsEntry("AuthAction", action)
                .containsEntry("AuthPrincipalType", "SubUser")
                .containsEntry("AuthPrincipalOwnerId", Long.toString(owner.accountId()))
                .containsEntry("AuthPrincipalDisplayName", userName)
                .containsEntry("NoPermissionType", "ImplicitDeny")
                .containsEntry("PolicyType", "AccountLevelIdentityBasedPolicy");
        assertThat(detail.get("EncodedDiagnosticMessage")).asString().isNotBlank();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(ObjectMapper json, JsonNode node) {
        return node.isObject() ? json.convertValue(node, Map.class) : null;
    }

    /** {@code @alicloud/swas-open20200601} 4.0.0 (V3) throws openapi-core's ClientError with {@code accessDeniedDetail}. */
    @Test
    void theNodeSdkThrowsAClientErrorWithTheDetail() throws Exception {
        NodeProject.assumeInstalled("@alicloud/swas-open20200601");
        TestAccount user = Ram.user(owner, "node-denied");
        String output = NodeProject.node(List.of("denied.js", Integer.toString(url.getPort()), user.accessKeyId(),
                user.secret(), imageId), 120);

        Map<String, JsonNode> steps = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode node = json.readTree(line);
            steps.put(node.path("step").asText(), node);
        }
        assertThat(steps).containsOnlyKeys("delete", "list");
        JsonNode delete = steps.get("delete");
        assertThat(delete.path("name").asText()).isEqualTo("ClientError");
        assertThat(delete.path("code").asText()).isEqualTo("Forbidden.RAM");
        assertThat(delete.path("statusCode").asInt()).isEqualTo(403);
        assertThat(delete.path("requestId").asText()).matches(UUID_UPPER);
        assertDetail(asMap(json, delete.path("accessDeniedDetail")), "swas-open:DeleteCustomImage",
                "node-denied");
        assertThat(delete.path("dataDetail")).isEqualTo(delete.path("accessDeniedDetail"));
        JsonNode list = steps.get("list");
        assertThat(list.path("code").asText()).isEqualTo("Forbidden.RAM");
        assertDetail(asMap(json, list.path("accessDeniedDetail")), "swas-open:ListCustomImages",
                "node-denied");
        assertThat(images()).isEqualTo(1);
    }

    /**
     * {@code com.aliyun:swas_open20200601:1.0.2} (V1) resolves {@code com.aliyun:tea} 1.1.14, whose TeaException has
     * no {@code getAccessDeniedDetail()} (later tea versions add one) nor a status code: the detail is in
     * {@code getData()}, the error body as a map.
     */
    @SuppressWarnings("unchecked")
    @Test
    void theTeaSdkThrowsATeaExceptionWhoseDataHoldsTheDetail() throws Exception {
        TestAccount user = Ram.user(owner, "tea-denied");
        Client client = new Client(new Config().setAccessKeyId(user.accessKeyId()).setAccessKeySecret(user.secret())
                .setRegionId(REGION).setEndpoint("127.0.0.1:" + url.getPort()).setProtocol("HTTP"));

        TeaException error = catchThrowableOfType(TeaException.class, () -> client.deleteCustomImage(
                new DeleteCustomImageRequest().setRegionId(REGION).setImageId(imageId)));

        assertThat(error).isNotNull();
        assertThat(error.getCode()).isEqualTo("Forbidden.RAM");
        assertThat(error.getData()).containsEntry("Code", "Forbidden.RAM")
                .containsEntry("Message",
                        "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
        assertThat((String) error.getData().get("RequestId")).matches(UUID_UPPER);
        assertDetail((Map<String, Object>) error.getData().get("AccessDeniedDetail"), "swas-open:DeleteCustomImage",
                "tea-denied");
        assertThat(images()).isEqualTo(1);
    }

    /** {@code aliyun-java-sdk-core} 4.7.10 reads the error in either format; its ClientException has the detail. */
    @ParameterizedTest
    @EnumSource(value = FormatType.class, names = {"XML", "JSON"})
    void theClassicSdkThrowsAClientExceptionWithTheDetail(FormatType format) throws Exception {
        String userName = "classic-denied-" + format.name().toLowerCase();
        TestAccount user = Ram.user(owner, userName);
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile(REGION, user.accessKeyId(),
                user.secret()));
        com.aliyuncs.swas_open.model.v20200601.DeleteCustomImageRequest request =
                new com.aliyuncs.swas_open.model.v20200601.DeleteCustomImageRequest();
        request.setSysEndpoint("127.0.0.1:" + url.getPort());
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysAcceptFormat(format);
        request.setImageId(imageId);

        ClientException error = catchThrowableOfType(ClientException.class, () -> client.getAcsResponse(request));

        assertThat(error).isNotNull();
        assertThat(error.getErrCode()).isEqualTo("Forbidden.RAM");
        assertThat(error.getRequestId()).matches(UUID_UPPER);
        assertDetail(error.getAccessDeniedDetail(), "swas-open:DeleteCustomImage", userName);
        assertThat(images()).isEqualTo(1);
    }
}
