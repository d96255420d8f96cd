package cloud.swas.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.swas.support.TestAccount;
import com.aliyun.swas_open20200601.Client;
import com.aliyun.swas_open20200601.models.CreateCustomImageRequest;
import com.aliyun.swas_open20200601.models.CreateCustomImageResponse;
import com.aliyun.swas_open20200601.models.DeleteCustomImageRequest;
import com.aliyun.swas_open20200601.models.DeleteCustomImageResponse;
import com.aliyun.swas_open20200601.models.ListImagesRequest;
import com.aliyun.swas_open20200601.models.ListImagesResponse;
import com.aliyun.swas_open20200601.models.ModifyImageShareStatusRequest;
import com.aliyun.swas_open20200601.models.ModifyImageShareStatusResponse;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teautil.models.RuntimeOptions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official Tea SDK ({@code com.aliyun:swas_open20200601:1.0.2}, V1 signature, form-encoded POST,
 * {@code Format=json}) against the running service, unchanged.
 */
@QuarkusTest
class TeaSdkTest {

    private static final String REGION = "cn-hangzhou";
    private static final String UUID_UPPER = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";

    @TestHTTPResource("/")
    URL url;

    private Client client(TestAccount account) throws Exception {
        Config config = new Config()
                .setAccessKeyId(account.accessKeyId())
                .setAccessKeySecret(account.secret())
                .setRegionId(REGION)
                .setEndpoint("127.0.0.1:" + url.getPort())
                .setProtocol("HTTP");
        return new Client(config);
    }

    private String createImage(Client client, String name) throws Exception {
        CreateCustomImageResponse response = client.createCustomImage(new CreateCustomImageRequest()
                .setRegionId(REGION)
                .setImageName(name)
                .setInstanceId("i-tea")
                .setSystemSnapshotId("s-tea"));
        assertThat(response.getBody().getRequestId()).matches(UUID_UPPER);
        assertThat(response.getHeaders()).containsEntry("x-acs-request-id", response.getBody().getRequestId());
        return response.getBody().getImageId();
    }

    private static ModifyImageShareStatusResponse modify(Client client, String imageId, String operation)
            throws Exception {
        return client.modifyImageShareStatus(new ModifyImageShareStatusRequest()
                .setRegionId(REGION)
                .setImageId(imageId)
                .setOperation(operation));
    }

    /**
     * ListCustomImages is not generated in SDK 1.0.2, so it goes through the same generic RPC call the
     * generated operations use ({@code doRPCRequest}, POST, AK auth, JSON body), as a generated method would.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> listByImageId(Client client, String imageId) throws Exception {
        OpenApiRequest request = OpenApiRequest.build(Map.of("body", Map.of(
                "RegionId", REGION,
                "ImageIds", "[\"" + imageId + "\"]")));
        Map<String, ?> response = client.doRPCRequest("ListCustomImages", "2020-06-01", "HTTPS", "POST", "AK",
                "json", request, new RuntimeOptions());
        return (Map<String, Object>) response.get("body");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyImage(Map<String, Object> listBody) {
        assertThat(listBody.get("TotalCount")).isEqualTo("1");
        List<Map<String, Object>> images = (List<Map<String, Object>>) listBody.get("CustomImages");
        assertThat(images).hasSize(1);
        return images.get(0);
    }

    @Test
    void createShareListUnshareList() throws Exception {
        Client client = client(TestAccount.A);
        String imageId = createImage(client, "tea-sdk-image");
        assertThat(imageId).startsWith("m-").matches("m-[a-z0-9]+");

        Map<String, Object> before = onlyImage(listByImageId(client, imageId));
        assertThat(before).containsEntry("ImageId", imageId)
                .containsEntry("Name", "tea-sdk-image")
                .containsEntry("RegionId", REGION)
                .containsEntry("InstanceId", "i-tea")
                .containsEntry("SystemSnapshotId", "s-tea")
                .containsEntry("InShare", false)
                .containsEntry("Status", "1");
        assertThat(((Number) before.get("UserId")).longValue()).isEqualTo(TestAccount.A.accountId());

        ModifyImageShareStatusResponse share = modify(client, imageId, "Share");
        assertThat(share.getBody()).isNotNull();
        assertThat(share.getBody().getRequestId()).isNotNull().matches(UUID_UPPER);
        assertThat(share.getHeaders()).containsEntry("x-acs-request-id", share.getBody().getRequestId());

        Map<String, Object> shared = listByImageId(client, imageId);
        assertThat((String) shared.get("RequestId")).matches(UUID_UPPER);
        assertThat(onlyImage(shared)).containsEntry("ImageId", imageId).containsEntry("InShare", true);

        ModifyImageShareStatusResponse unshare = modify(client, imageId, "UnShare");
        assertThat(unshare.getBody().getRequestId()).isNotNull().matches(UUID_UPPER)
                .isNotEqualTo(share.getBody().getRequestId());

        assertThat(onlyImage(listByImageId(client, imageId))).containsEntry("ImageId", imageId)
                .containsEntry("InShare", false);
    }

    @Test
    void unknownImageSurfacesAsTeaExceptionWithCodeAndRequestId() throws Exception {
        Client client = client(TestAccount.A);
        TeaException error = catchThrowableOfType(TeaException.class,
                () -> modify(client, "m-doesnotexist000000", "Share"));

        assertThat(error).isNotNull();
        assertThat(error.getCode()).isEqualTo("InvalidImageId.NotFound");
        assertThat(error.getData()).containsEntry("Code", "InvalidImageId.NotFound")
                .containsEntry("Message", "The specified ImageId does not exist.");
        String requestId = (String) error.getData().get("RequestId");
        assertThat(requestId).matches(UUID_UPPER);
        assertThat(error.getMessage()).contains("The specified ImageId does not exist.").contains(requestId);
    }

    @Test
    void illegalOperationSurfacesAsTeaException() throws Exception {
        Client client = client(TestAccount.A);
        String imageId = createImage(client, "tea-sdk-bad-operation");

        TeaException error = catchThrowableOfType(TeaException.class, () -> modify(client, imageId, "Delete"));

        assertThat(error).isNotNull();
        assertThat(error.getCode()).isEqualTo("InvalidParam.OperationIllegal");
        assertThat(error.getData()).containsEntry("Message", "The specified parameter operation is illegal.");
        assertThat((String) error.getData().get("RequestId")).matches(UUID_UPPER);
        assertThat(error.getMessage()).contains((String) error.getData().get("RequestId"));
        assertThat(onlyImage(listByImageId(client, imageId))).containsEntry("InShare", false);
    }

    @Test
    void anotherAccountsImageIsNotFoundThroughTheSdk() throws Exception {
        String imageOfA = createImage(client(TestAccount.A), "tea-sdk-tenant-a");
        Client clientB = client(TestAccount.B);

        TeaException error = catchThrowableOfType(TeaException.class, () -> modify(clientB, imageOfA, "Share"));

        assertThat(error).isNotNull();
        assertThat(error.getCode()).isEqualTo("InvalidImageId.NotFound");
        assertThat(onlyImage(listByImageId(client(TestAccount.A), imageOfA))).containsEntry("InShare", false);
    }

    /** A generic RPC call, as the generated methods make them, for the actions SDK 1.0.2 lacks. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> rpc(Client client, String action, Map<String, Object> parameters)
            throws Exception {
        OpenApiRequest request = OpenApiRequest.build(Map.of("body", parameters));
        Map<String, ?> response = client.doRPCRequest(action, "2020-06-01", "HTTPS", "POST", "AK", "json", request,
                new RuntimeOptions());
        return (Map<String, Object>) response.get("body");
    }

    @Test
    void listImagesAndDeleteThroughTheGeneratedMethods() throws Exception {
        Client client = client(TestAccount.A);
        String imageId = createImage(client, "tea-sdk-delete-" + System.nanoTime());

        ListImagesResponse custom = client.listImages(new ListImagesRequest().setRegionId(REGION).setImageType("custom"));
        assertThat(custom.getBody().getImages()).extracting(i -> i.getImageId())
                .contains(imageId);
        ListImagesResponse system = client.listImages(new ListImagesRequest().setRegionId(REGION).setImageType("system"));
        assertThat(system.getBody().getImages()).isNotEmpty()
                .allSatisfy(i -> assertThat(i.getImageId()).matches("[0-9a-f]{32}"));

        DeleteCustomImageResponse deleted = client.deleteCustomImage(new DeleteCustomImageRequest().setRegionId(REGION)
                .setImageId(imageId));
        assertThat(deleted.getBody().getRequestId()).matches(UUID_UPPER);
        TeaException error = catchThrowableOfType(TeaException.class, () -> client.deleteCustomImage(
                new DeleteCustomImageRequest().setRegionId(REGION).setImageId(imageId)));
        assertThat(error.getCode()).isEqualTo("InvalidImageId.NotFound");
    }

    @SuppressWarnings("unchecked")
    @Test
    void shareAccountsRegionsAndBatchDeletesThroughDoRpcRequest() throws Exception {
        Client client = client(TestAccount.A);
        String first = createImage(client, "tea-sdk-share-" + System.nanoTime());
        String second = createImage(client, "tea-sdk-share-" + System.nanoTime());

        rpc(client, "AddCustomImageShareAccount", Map.of("RegionId", REGION, "ImageId", first,
                "Account.1", Long.toString(TestAccount.B.accountId())));
        Map<String, Object> accounts = rpc(client, "ListCustomImageShareAccounts", Map.of("RegionId", REGION,
                "ImageId", first));
        assertThat(((Number) accounts.get("TotalCount")).intValue()).isEqualTo(1);
        List<Map<String, Object>> users = (List<Map<String, Object>>) accounts.get("ImageShareUsers");
        assertThat(((Number) users.get(0).get("UserId")).longValue()).isEqualTo(TestAccount.B.accountId());

        TeaException inShare = catchThrowableOfType(TeaException.class, () -> rpc(client, "DeleteCustomImages",
                Map.of("RegionId", REGION, "ImageIds", "[\"" + first + "\",\"" + second + "\"]")));
        assertThat(inShare.getCode()).isEqualTo("CustomImageInShare");
        rpc(client, "RemoveCustomImageShareAccount", Map.of("RegionId", REGION, "ImageId", first,
                "Account.1", Long.toString(TestAccount.B.accountId())));
        rpc(client, "DeleteCustomImages", Map.of("RegionId", REGION, "ImageIds",
                "[\"" + first + "\",\"" + second + "\"]"));
        assertThat(listByImageId(client, first).get("TotalCount")).isEqualTo("0");

        Map<String, Object> regions = rpc(client, "ListRegions", Map.of("AcceptLanguage", "en-US"));
        assertThat((List<Map<String, Object>>) regions.get("Regions"))
                .anySatisfy(r -> assertThat(r).containsEntry("RegionId", "cn-hangzhou")
                        .containsEntry("LocalName", "China (Hangzhou)"));
    }
}
