package cloud.swas.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.swas.support.TestAccount;
import com.aliyun.ecs20140526.models.DescribeImagesRequest;
import com.aliyun.ecs20140526.models.DescribeImagesResponseBody;
import com.aliyun.swas_open20200601.models.CreateCustomImageRequest;
import com.aliyun.swas_open20200601.models.ModifyImageShareStatusRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official Java ECS SDK ({@code com.aliyun:ecs20140526:3.0.0}, Tea, signature V1) pointed at the service:
 * create a SWAS image, not in DescribeImages; Share (SWAS SDK), listed with ECS's fields; UnShare, gone.
 */
@QuarkusTest
class EcsSdkTest {

    private static final String REGION = "cn-hangzhou";

    @TestHTTPResource("/")
    URL url;

    private Config config(TestAccount account) {
        return new Config().setAccessKeyId(account.accessKeyId()).setAccessKeySecret(account.secret())
                .setRegionId(REGION).setEndpoint("127.0.0.1:" + url.getPort()).setProtocol("HTTP");
    }

    private static List<DescribeImagesResponseBody.DescribeImagesResponseBodyImagesImage> images(
            com.aliyun.ecs20140526.Client ecs, DescribeImagesRequest request) throws Exception {
        DescribeImagesResponseBody body = ecs.describeImages(request).getBody();
        assertThat(body.getRequestId()).matches("[0-9A-F-]{36}");
        assertThat(body.getRegionId()).isEqualTo(request.getRegionId());
        return body.getImages().getImage();
    }

    @Test
    void aSharedImageAppearsInEcsAndDisappearsOnUnShare() throws Exception {
        com.aliyun.swas_open20200601.Client swas = new com.aliyun.swas_open20200601.Client(config(TestAccount.A));
        com.aliyun.ecs20140526.Client ecs = new com.aliyun.ecs20140526.Client(config(TestAccount.A));
        String imageId = swas.createCustomImage(new CreateCustomImageRequest().setRegionId(REGION)
                .setImageName("ecs-sdk-" + System.nanoTime()).setInstanceId("i-ecs").setSystemSnapshotId("s-ecs"))
                .getBody().getImageId();
        DescribeImagesRequest byId = new DescribeImagesRequest().setRegionId(REGION).setImageId(imageId);
        assertThat(images(ecs, byId)).isEmpty();

        swas.modifyImageShareStatus(new ModifyImageShareStatusRequest().setRegionId(REGION).setImageId(imageId)
                .setOperation("Share"));
        DescribeImagesResponseBody body = ecs.describeImages(byId).getBody();
        assertThat(body.getTotalCount()).isEqualTo(1);
        assertThat(body.getPageNumber()).isEqualTo(1);
        assertThat(body.getPageSize()).isEqualTo(10);
        var image = body.getImages().getImage().get(0);
        assertThat(image.getImageId()).isEqualTo(imageId);
        assertThat(image.getImageOwnerAlias()).isEqualTo("others");
        assertThat(image.getImageOwnerId()).isEqualTo(1500000000000000L);
        assertThat(image.getIsSelfShared()).isEqualTo("false");
        assertThat(image.getIsPublic()).isFalse();
        assertThat(image.getOSType()).isEqualTo("linux");
        assertThat(image.getPlatform()).isEqualTo("Aliyun");
        assertThat(image.getStatus()).isEqualTo("Available");
        assertThat(image.getUsage()).isEqualTo("instance");
        assertThat(image.getSize()).isEqualTo(20);
        assertThat(images(ecs, new DescribeImagesRequest().setRegionId(REGION).setImageOwnerAlias("others")
                .setPageSize(100))).extracting(i -> i.getImageId()).contains(imageId);

        com.aliyun.ecs20140526.Client ecsOfB = new com.aliyun.ecs20140526.Client(config(TestAccount.B));
        assertThat(images(ecsOfB, byId)).isEmpty();
        assertThat(images(ecs, new DescribeImagesRequest().setRegionId("cn-shanghai").setImageId(imageId))).isEmpty();

        swas.modifyImageShareStatus(new ModifyImageShareStatusRequest().setRegionId(REGION).setImageId(imageId)
                .setOperation("UnShare"));
        assertThat(images(ecs, byId)).isEmpty();
        assertThat(images(ecs, new DescribeImagesRequest().setRegionId(REGION).setPageSize(100)))
                .extracting(i -> i.getImageId()).doesNotContain(imageId);
    }

    @Test
    void systemImagesAndAnUnsupportedAlias() throws Exception {
        com.aliyun.ecs20140526.Client ecs = new com.aliyun.ecs20140526.Client(config(TestAccount.A));
        assertThat(images(ecs, new DescribeImagesRequest().setRegionId(REGION).setImageOwnerAlias("system")
                .setPageSize(100))).extracting(i -> i.getImageName()).contains("Ubuntu 22.04 64-bit");
        TeaException error = catchThrowableOfType(TeaException.class, () -> ecs.describeImages(
                new DescribeImagesRequest().setRegionId(REGION).setImageOwnerAlias("everyone")));
        assertThat(error.getCode()).isEqualTo("InvalidImageOwnerAlias.ValueNotSupported");
        TeaException pageSize = catchThrowableOfType(TeaException.class, () -> ecs.describeImages(
                new DescribeImagesRequest().setRegionId(REGION).setPageSize(101)));
        assertThat(pageSize.getCode()).isEqualTo("InvalidParameter");
    }
}
