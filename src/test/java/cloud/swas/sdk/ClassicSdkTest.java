package cloud.swas.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.swas.support.Api;
import cloud.swas.support.TestAccount;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.swas_open.model.v20200601.CreateCustomImageRequest;
import com.aliyuncs.swas_open.model.v20200601.CreateCustomImageResponse;
import com.aliyuncs.swas_open.model.v20200601.DeleteCustomImageRequest;
import com.aliyuncs.swas_open.model.v20200601.ListImagesRequest;
import com.aliyuncs.swas_open.model.v20200601.ListImagesResponse;
import com.aliyuncs.swas_open.model.v20200601.ListRegionsRequest;
import com.aliyuncs.swas_open.model.v20200601.ListRegionsResponse;
import com.aliyuncs.swas_open.model.v20200601.ListCustomImagesRequest;
import com.aliyuncs.swas_open.model.v20200601.ListCustomImagesResponse;
import com.aliyuncs.swas_open.model.v20200601.ModifyImageShareStatusRequest;
import com.aliyuncs.swas_open.model.v20200601.ModifyImageShareStatusResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The classic Java SDK ({@code aliyun-java-sdk-core:4.7.10} + {@code aliyun-java-sdk-swas-open:1.8.8},
 * V1 signature over HTTP) against the running service, in both accept formats.
 */
@QuarkusTest
class ClassicSdkTest {

    private static final String REGION = "cn-hangzhou";
    private static final String UUID_UPPER = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";

    @TestHTTPResource("/")
    URL url;

    private static DefaultAcsClient client(TestAccount account) {
        return new DefaultAcsClient(DefaultProfile.getProfile(REGION, account.accessKeyId(), account.secret()));
    }

    /** Points the request at the test server (random port) over HTTP, in the given accept format. */
    private <R extends AcsRequest<?>> R target(R request, FormatType format) {
        request.setSysEndpoint("127.0.0.1:" + url.getPort());
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysAcceptFormat(format);
        return request;
    }

    private ModifyImageShareStatusRequest modify(String imageId, String operation, FormatType format) {
        ModifyImageShareStatusRequest request = target(new ModifyImageShareStatusRequest(), format);
        request.setImageId(imageId);
        request.setOperation(operation);
        return request;
    }

    private ListCustomImagesRequest listById(String imageId, FormatType format) {
        ListCustomImagesRequest request = target(new ListCustomImagesRequest(), format);
        request.setImageIds("[\"" + imageId + "\"]");
        return request;
    }

    @ParameterizedTest
    @EnumSource(value = FormatType.class, names = {"JSON", "XML"})
    void modifyImageShareStatusSucceeds(FormatType format) throws Exception {
        String imageId = Api.createImage(TestAccount.A, REGION, "classic-share-" + format.name().toLowerCase());
        DefaultAcsClient client = client(TestAccount.A);

        ModifyImageShareStatusResponse share = client.getAcsResponse(modify(imageId, "Share", format));
        assertThat(share.getRequestId()).isNotNull().matches(UUID_UPPER);

        ListCustomImagesResponse listed = client.getAcsResponse(listById(imageId, format));
        assertThat(listed.getCustomImages()).extracting(ListCustomImagesResponse.CustomImage::getImageId,
                ListCustomImagesResponse.CustomImage::getInShare).containsExactly(
                org.assertj.core.groups.Tuple.tuple(imageId, true));

        ModifyImageShareStatusResponse unshare = client.getAcsResponse(modify(imageId, "UnShare", format));
        assertThat(unshare.getRequestId()).isNotNull().matches(UUID_UPPER).isNotEqualTo(share.getRequestId());
        assertThat(client.getAcsResponse(listById(imageId, format)).getCustomImages())
                .extracting(ListCustomImagesResponse.CustomImage::getInShare).containsExactly(false);
    }

    /**
     * Lists are read in both formats: in XML a list is one element with one child per item (contract
     * section 3), the only shape the classic SDK's XmlReader reads as a list.
     */
    @ParameterizedTest
    @EnumSource(value = FormatType.class, names = {"JSON", "XML"})
    void listCustomImagesMapsEveryModelField(FormatType format) throws Exception {
        String name = "classic-list-" + format.name().toLowerCase();
        String imageId = Api.createImage(TestAccount.A, REGION, name);

        ListCustomImagesResponse response = client(TestAccount.A).getAcsResponse(listById(imageId, format));

        assertThat(response.getRequestId()).matches(UUID_UPPER);
        assertThat(response.getTotalCount()).isEqualTo("1");
        assertThat(response.getPageNumber()).isEqualTo("1");
        assertThat(response.getPageSize()).isEqualTo("10");
        assertThat(response.getCustomImages()).hasSize(1);
        ListCustomImagesResponse.CustomImage image = response.getCustomImages().get(0);
        assertThat(image.getImageId()).isEqualTo(imageId);
        assertThat(image.getName()).isEqualTo(name);
        assertThat(image.getRegionId()).isEqualTo(REGION);
        assertThat(image.getInstanceId()).isEqualTo("i-test");
        assertThat(image.getSystemSnapshotId()).isEqualTo("s-test");
        assertThat(image.getInShare()).isFalse();
        assertThat(image.getStatus()).isEqualTo("1");
        assertThat(image.getCreationTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @ParameterizedTest
    @EnumSource(value = FormatType.class, names = {"JSON", "XML"})
    void listCustomImagesWithSeveralImages(FormatType format) throws Exception {
        String first = Api.createImage(TestAccount.A, REGION, "classic-multi-1-" + format);
        String second = Api.createImage(TestAccount.A, REGION, "classic-multi-2-" + format);
        DefaultAcsClient client = client(TestAccount.A);
        ListCustomImagesRequest request = target(new ListCustomImagesRequest(), format);
        request.setImageIds("[\"" + first + "\",\"" + second + "\"]");
        ListCustomImagesResponse response = client.getAcsResponse(request);
        assertThat(response.getTotalCount()).isEqualTo("2");
        assertThat(response.getCustomImages())
                .extracting(ListCustomImagesResponse.CustomImage::getImageId)
                .containsExactlyInAnyOrder(first, second);
    }

    /** UserId is not in the classic SDK's model (1.8.8); read it from the raw response the SDK received. */
    @Test
    void userIdIsTheCallersAccountInTheRawSdkResponse() throws Exception {
        String imageId = Api.createImage(TestAccount.B, REGION, "classic-user-id");
        HttpResponse raw = client(TestAccount.B).doAction(listById(imageId, FormatType.JSON));

        assertThat(raw.getStatus()).isEqualTo(200);
        assertThat(raw.getHttpContentType()).isEqualTo(FormatType.JSON);
        JsonNode body = new ObjectMapper().readTree(new String(raw.getHttpContent(), StandardCharsets.UTF_8));
        assertThat(body.path("CustomImages").get(0).path("ImageId").asText()).isEqualTo(imageId);
        assertThat(body.path("CustomImages").get(0).path("UserId").isNumber()).isTrue();
        assertThat(body.path("CustomImages").get(0).path("UserId").asLong()).isEqualTo(TestAccount.B.accountId());
    }

    @Test
    void createCustomImageThroughTheClassicSdk() throws Exception {
        CreateCustomImageRequest request = target(new CreateCustomImageRequest(), FormatType.JSON);
        request.setImageName("classic-created");
        request.setInstanceId("i-classic");
        request.setSystemSnapshotId("s-classic");
        CreateCustomImageResponse created = client(TestAccount.A).getAcsResponse(request);

        assertThat(created.getRequestId()).matches(UUID_UPPER);
        assertThat(created.getImageId()).matches("m-[a-z0-9]+");
        ListCustomImagesResponse listed = client(TestAccount.A).getAcsResponse(listById(created.getImageId(),
                FormatType.JSON));
        assertThat(listed.getCustomImages()).extracting(ListCustomImagesResponse.CustomImage::getName)
                .containsExactly("classic-created");
    }

    @ParameterizedTest
    @EnumSource(value = FormatType.class, names = {"JSON", "XML"})
    void unknownImageIsAnErrorWithCodeAndRequestId(FormatType format) {
        ClientException error = catchThrowableOfType(ClientException.class,
                () -> client(TestAccount.A).getAcsResponse(modify("m-doesnotexist000000", "Share", format)));

        assertThat(error).isNotNull();
        assertThat(error.getErrCode()).isEqualTo("InvalidImageId.NotFound");
        assertThat(error.getErrMsg()).isEqualTo("The specified ImageId does not exist.");
        assertThat(error.getRequestId()).matches(UUID_UPPER);
    }

    @ParameterizedTest
    @EnumSource(value = FormatType.class, names = {"JSON", "XML"})
    void illegalOperationIsAnErrorWithCode(FormatType format) throws Exception {
        String imageId = Api.createImage(TestAccount.A, REGION, "classic-bad-op-" + format.name().toLowerCase());

        ClientException error = catchThrowableOfType(ClientException.class,
                () -> client(TestAccount.A).getAcsResponse(modify(imageId, "Delete", format)));

        assertThat(error).isNotNull();
        assertThat(error.getErrCode()).isEqualTo("InvalidParam.OperationIllegal");
        assertThat(error.getErrMsg()).isEqualTo("The specified parameter operation is illegal.");
        assertThat(error.getRequestId()).matches(UUID_UPPER);
        assertThat(client(TestAccount.A).getAcsResponse(listById(imageId, FormatType.JSON)).getCustomImages())
                .extracting(ListCustomImagesResponse.CustomImage::getInShare).containsExactly(false);
    }

    /** Create, ListImages (every list field) and Delete through the classic SDK, in both formats. */
    @ParameterizedTest
    @EnumSource(value = FormatType.class, names = {"JSON", "XML"})
    void createListImagesAndDelete(FormatType format) throws Exception {
        DefaultAcsClient client = client(TestAccount.A);
        CreateCustomImageRequest create = target(new CreateCustomImageRequest(), format);
        create.setImageName("classic-lifecycle-" + format.name().toLowerCase() + "-" + System.nanoTime());
        create.setInstanceId("i-classic");
        create.setSystemSnapshotId("s-classic");
        String imageId = client.getAcsResponse(create).getImageId();

        ListImagesRequest listImages = target(new ListImagesRequest(), format);
        ListImagesResponse images = client.getAcsResponse(listImages);
        assertThat(images.getRequestId()).matches(UUID_UPPER);
        assertThat(images.getImages()).extracting(ListImagesResponse.Image::getImageType)
                .contains("system", "app", "custom");
        assertThat(images.getImages()).filteredOn(i -> i.getImageId().equals(imageId)).singleElement()
                .satisfies(i -> {
                    assertThat(i.getImageName()).isEqualTo(create.getImageName());
                    assertThat(i.getPlatform()).isEqualTo("Linux");
                });
        assertThat(images.getImages()).filteredOn(i -> "system".equals(i.getImageType()))
                .allSatisfy(i -> assertThat(i.getImageId()).matches("[0-9a-f]{32}"));

        DeleteCustomImageRequest delete = target(new DeleteCustomImageRequest(), format);
        delete.setImageId(imageId);
        assertThat(client.getAcsResponse(delete).getRequestId()).matches(UUID_UPPER);
        assertThat(client.getAcsResponse(listById(imageId, format)).getCustomImages()).isEmpty();
        ClientException gone = catchThrowableOfType(ClientException.class, () -> client.getAcsResponse(delete));
        assertThat(gone.getErrCode()).isEqualTo("InvalidImageId.NotFound");
    }

    @ParameterizedTest
    @EnumSource(value = FormatType.class, names = {"JSON", "XML"})
    void listRegions(FormatType format) throws Exception {
        ListRegionsResponse regions = client(TestAccount.A).getAcsResponse(target(new ListRegionsRequest(), format));
        assertThat(regions.getRequestId()).matches(UUID_UPPER);
        assertThat(regions.getRegions()).hasSizeGreaterThan(20)
                .filteredOn(r -> r.getRegionId().equals("cn-hangzhou")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getLocalName()).isEqualTo("华东1（杭州）");
                    assertThat(r.getRegionEndpoint()).isEqualTo("swas.cn-hangzhou.aliyuncs.com");
                });
    }
}
