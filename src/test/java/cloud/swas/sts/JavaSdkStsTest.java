package cloud.swas.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.swas.support.Api;
import cloud.swas.support.Ram;
import cloud.swas.support.RamFixtures;
import cloud.swas.support.TestAccount;
import com.aliyun.ecs20140526.models.DescribeImagesRequest;
import com.aliyun.swas_open20200601.Client;
import com.aliyun.swas_open20200601.models.ModifyImageShareStatusRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teautil.models.RuntimeOptions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java Tea SDKs with STS credentials ({@code Config.setSecurityToken}: signature V1, token as the
 * {@code SecurityToken} parameter), unchanged: the SWAS SDK's generated method and its generic
 * {@code doRPCRequest}, and ECS DescribeImages with a session of a role allowed {@code ecs:DescribeImages}.
 */
@QuarkusTest
class JavaSdkStsTest {

    private static final String REGION = "cn-hangzhou";

    @TestHTTPResource("/")
    URL url;

    private Config config(JsonPath credentials) {
        return new Config()
                .setAccessKeyId(credentials.getString("Credentials.AccessKeyId"))
                .setAccessKeySecret(credentials.getString("Credentials.AccessKeySecret"))
                .setSecurityToken(credentials.getString("Credentials.SecurityToken"))
                .setRegionId(REGION)
                .setEndpoint("127.0.0.1:" + url.getPort())
                .setProtocol("HTTP");
    }

    /** A session of a role allowed SWAS and ECS read-only, assumed by a RAM user of account A. */
    private static JsonPath readOnlySession(String suffix) {
        TestAccount user = Ram.userWithSystemPolicies(TestAccount.A, "java-sts-" + suffix, "AliyunSTSAssumeRoleAccess");
        String roleName = "JavaSdk" + suffix;
        Ram.call(TestAccount.A, "CreateRole").param("RoleName", roleName).param("AssumeRolePolicyDocument",
                RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId()))).post().then().statusCode(200);
        for (String policy : new String[] {"AliyunSWASReadOnlyAccess", "AliyunECSReadOnlyAccess"}) {
            Ram.call(TestAccount.A, "AttachPolicyToRole").param("PolicyType", "System").param("PolicyName", policy)
                    .param("RoleName", roleName).post().then().statusCode(200);
        }
        JsonPath credentials = Api.call(user, "AssumeRole").param("Version", "2015-04-01")
                .param("RoleArn", "acs:ram::" + TestAccount.A.accountId() + ":role/" + roleName)
                .param("RoleSessionName", "java-" + suffix).post().then().statusCode(200).extract().jsonPath();
        return credentials;
    }

    @Test
    void teaSdksCallWithSessionCredentials() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        JsonPath credentials = readOnlySession(suffix);
        String imageId = Api.createImage(TestAccount.A, REGION, "java-sts-" + suffix);

        Client swas = new Client(config(credentials));
        @SuppressWarnings("unchecked")
        Map<String, Object> listed = (Map<String, Object>) swas.doRPCRequest("ListCustomImages", "2020-06-01",
                "HTTPS", "POST", "AK", "json", OpenApiRequest.build(Map.of("body", Map.of("RegionId", REGION,
                        "ImageIds", "[\"" + imageId + "\"]"))), new RuntimeOptions()).get("body");
        assertThat(String.valueOf(listed.get("TotalCount"))).isEqualTo("1");

        // Read-only: the generated method's call is denied by the role's policies.
        assertThatThrownBy(() -> swas.modifyImageShareStatus(new ModifyImageShareStatusRequest()
                .setRegionId(REGION).setImageId(imageId).setOperation("Share")))
                .isInstanceOfSatisfying(TeaException.class, e -> assertThat(e.getCode()).isEqualTo("Forbidden.RAM"));

        com.aliyun.ecs20140526.Client ecs = new com.aliyun.ecs20140526.Client(config(credentials));
        assertThat(ecs.describeImages(new DescribeImagesRequest().setRegionId(REGION).setImageOwnerAlias("system"))
                .getBody().getTotalCount()).isPositive();

        // The same key with its token altered: no longer a token this service sealed.
        Config crossed = config(credentials).setSecurityToken(credentials.getString("Credentials.SecurityToken")
                .replaceFirst("^v1\\.", "v2."));
        assertThatThrownBy(() -> new Client(crossed).modifyImageShareStatus(new ModifyImageShareStatusRequest()
                .setRegionId(REGION).setImageId(imageId).setOperation("Share")))
                .isInstanceOfSatisfying(TeaException.class,
                        e -> assertThat(e.getCode()).isEqualTo("InvalidSecurityToken.Malformed"));
    }

    /**
     * The classic SDK ({@code aliyun-java-sdk-core} 4.7.10) with session credentials, as production code builds it:
     * {@code BasicSessionCredentials} behind a {@code StaticCredentialsProvider}; it signs V1 and sends the token as
     * {@code SecurityToken}, in JSON and in XML.
     */
    @Test
    void theClassicSdkCallsWithSessionCredentials() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        JsonPath credentials = readOnlySession(suffix);
        String imageId = Api.createImage(TestAccount.A, REGION, "classic-sts-" + suffix);
        com.aliyuncs.DefaultAcsClient client = new com.aliyuncs.DefaultAcsClient(
                com.aliyuncs.profile.DefaultProfile.getProfile(REGION),
                new com.aliyuncs.auth.StaticCredentialsProvider(new com.aliyuncs.auth.BasicSessionCredentials(
                        credentials.getString("Credentials.AccessKeyId"),
                        credentials.getString("Credentials.AccessKeySecret"),
                        credentials.getString("Credentials.SecurityToken"))));
        for (com.aliyuncs.http.FormatType format : new com.aliyuncs.http.FormatType[] {
                com.aliyuncs.http.FormatType.JSON, com.aliyuncs.http.FormatType.XML}) {
            com.aliyuncs.swas_open.model.v20200601.ListCustomImagesRequest list =
                    new com.aliyuncs.swas_open.model.v20200601.ListCustomImagesRequest();
            list.setSysEndpoint("127.0.0.1:" + url.getPort());
            list.setSysProtocol(com.aliyuncs.http.ProtocolType.HTTP);
            list.setSysAcceptFormat(format);
            list.setRegionId(REGION);
            list.setImageIds("[\"" + imageId + "\"]");
            assertThat(client.getAcsResponse(list).getTotalCount()).as(format.name()).isEqualTo("1");

            com.aliyuncs.swas_open.model.v20200601.ModifyImageShareStatusRequest share =
                    new com.aliyuncs.swas_open.model.v20200601.ModifyImageShareStatusRequest();
            share.setSysEndpoint("127.0.0.1:" + url.getPort());
            share.setSysProtocol(com.aliyuncs.http.ProtocolType.HTTP);
            share.setSysAcceptFormat(format);
            share.setRegionId(REGION);
            share.setImageId(imageId);
            share.setOperation("Share");
            assertThatThrownBy(() -> client.getAcsResponse(share)).as(format.name())
                    .isInstanceOfSatisfying(com.aliyuncs.exceptions.ClientException.class,
                            e -> assertThat(e.getErrCode()).isEqualTo("Forbidden.RAM"));
        }
    }
}
