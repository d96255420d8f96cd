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
}
