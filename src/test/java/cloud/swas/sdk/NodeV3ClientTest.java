package cloud.swas.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.NodeProject;
import cloud.swas.support.TestAccount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real V3 client: Node's {@code @alicloud/openapi-client} (callApi signs ACS3-HMAC-SHA256 by default)
 * shares and unshares an image. Runs {@code src/test/node/v3-share.js}; installs its packages with
 * {@code npm ci} from the npm registry on first use, and is skipped where the registry cannot be reached.
 */
@QuarkusTest
class NodeV3ClientTest {

    @TestHTTPResource("/")
    URL url;

    @Inject
    Db db;

    @Test
    void openApiClientSharesAndUnsharesWithSignatureV3() throws Exception {
        NodeProject.assumeInstalled("@alicloud/openapi-client");
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "node-v3");

        String output = NodeProject.node(List.of("v3-share.js", Integer.toString(url.getPort()),
                TestAccount.A.accessKeyId(), TestAccount.A.secret(), imageId), 120);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = output.lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(l, e);
            }
        }).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(lines.get(0).path("body").path("RequestId").asText()).matches("[0-9A-F-]{36}");
        assertThat(lines.get(1).path("operation").asText()).isEqualTo("UnShare");
        assertThat(lines.get(1).path("status").asInt()).isEqualTo(200);
        assertThat(lines.get(2).path("errorCode").asText()).isEqualTo("InvalidImageId.NotFound");
        assertThat(db.column("SELECT operation FROM image_share_history WHERE account_id = ? AND image_id = ? "
                + "ORDER BY version", TestAccount.A.accountId(), imageId)).containsExactly("Share", "UnShare");
    }

    /** Every image action of {@code @alicloud/swas-open20200601} 4.0.0 (V3), as owner and as receiver. */
    @Test
    void theSwasSdkRunsEveryImageAction() throws Exception {
        NodeProject.assumeInstalled("@alicloud/swas-open20200601");
        String output = NodeProject.node(List.of("swas-sdk.js", Integer.toString(url.getPort()),
                TestAccount.A.accessKeyId(), TestAccount.A.secret(), Long.toString(TestAccount.B.accountId()),
                TestAccount.B.accessKeyId(), TestAccount.B.secret()), 180);
        Map<String, JsonNode> steps = new java.util.HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode node = json.readTree(line);
            steps.put(node.path("step").asText(), node);
        }
        String imageId = steps.get("create").path("imageId").asText();
        assertThat(imageId).matches("m-[a-z0-9]+");
        JsonNode listed = steps.get("list");
        assertThat(listed.path("totalCount").asText()).isEqualTo("1");
        assertThat(listed.path("image").path("userId").asLong()).isEqualTo(TestAccount.A.accountId());
        assertThat(listed.path("image").path("requiredSystemDiskSize").asInt()).isEqualTo(20);
        assertThat(listed.path("image").path("tags").get(0).path("key").asText()).isEqualTo("sdk");
        assertThat(steps.get("accounts").path("totalCount").asInt()).isEqualTo(1);
        assertThat(steps.get("accounts").path("users").get(0).path("userId").asLong())
                .isEqualTo(TestAccount.B.accountId());
        assertThat(steps.get("accounts").path("users").get(0).path("sharedTime").asText())
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.0");
        assertThat(steps.get("seenByB").path("image").path("userId").asLong()).isEqualTo(TestAccount.A.accountId());
        assertThat(steps.get("seenByB").path("image").path("inShare").asBoolean()).isFalse();
        assertThat(steps.get("deleteByB").path("code").asText()).isEqualTo("InvalidImageId.NotFound");
        assertThat(steps.get("deleteShared").path("code").asText()).isEqualTo("CustomImageInShare");
        assertThat(steps.get("goneForB").path("totalCount").asText()).isEqualTo("0");
        assertThat(steps.get("listImages").path("ids").toString()).contains(imageId);
        assertThat(steps.get("regions").path("hangzhou").path("localName").asText()).isEqualTo("China (Hangzhou)");
        assertThat(steps.get("deleted").path("totalCount").asText()).isEqualTo("0");
        assertThat(steps.get("missing").path("code").asText()).isEqualTo("InvalidImageId.NotFound");
        assertThat(steps.get("missing").path("statusCode").asInt()).isEqualTo(404);
        assertThat(db.column("SELECT operation FROM image_share_history WHERE account_id = ? AND image_id = ? "
                + "ORDER BY version", TestAccount.A.accountId(), imageId)).containsExactly("Share",
                "AddShareAccount", "RemoveShareAccount", "UnShare", "Delete");
    }

    /** ECS DescribeImages through {@code @alicloud/ecs20140526} (V3): the image is there while shared, only then. */
    @Test
    void theEcsSdkSeesTheImageWhileItIsShared() throws Exception {
        NodeProject.assumeInstalled("@alicloud/ecs20140526");
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "node-ecs-" + System.nanoTime());
        String output = NodeProject.node(List.of("ecs-sdk.js", Integer.toString(url.getPort()),
                TestAccount.A.accessKeyId(), TestAccount.A.secret(), imageId), 120);
        Map<String, JsonNode> steps = new java.util.HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode node = json.readTree(line);
            steps.put(node.path("step").asText(), node);
        }
        assertThat(steps.get("before").path("totalCount").asInt()).isZero();
        assertThat(steps.get("shared").path("totalCount").asInt()).isEqualTo(1);
        JsonNode image = steps.get("shared").path("image");
        assertThat(image.path("imageId").asText()).isEqualTo(imageId);
        assertThat(image.path("imageOwnerAlias").asText()).isEqualTo("others");
        assertThat(image.path("isSelfShared").asText()).isEqualTo("false");
        assertThat(image.path("OSType").asText()).isEqualTo("linux");
        assertThat(image.path("size").asInt()).isEqualTo(20);
        assertThat(steps.get("after").path("totalCount").asInt()).isZero();
        assertThat(steps.get("system").path("names").toString()).contains("Ubuntu 22.04 64-bit");
        assertThat(steps.get("badAlias").path("code").asText()).isEqualTo("InvalidImageOwnerAlias.ValueNotSupported");
        assertThat(steps.get("badAlias").path("statusCode").asInt()).isEqualTo(400);
    }
}
