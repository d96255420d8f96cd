package cloud.swas.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Await;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ECS DescribeImages over HTTP (contract section 10): the ECS view of images shared from SWAS. */
@QuarkusTest
class DescribeImagesTest {

    private static final String REGION = "cn-hangzhou";

    private static Api ecs(TestAccount account) {
        return Api.call(account, "DescribeImages").param("Version", "2014-05-26").param("RegionId", REGION);
    }

    private static Api modify(String imageId, String operation) {
        return Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", imageId)
                .param("Operation", operation);
    }

    private static List<String> listed(Api call) {
        return call.post().then().statusCode(200).extract().jsonPath().getList("Images.Image.ImageId");
    }

    @Test
    void aSharedImageIsListedForItsAccountWhileSharedAndOnlyThere() {
        String imageId = Api.createImage(TestAccount.A, REGION, "ecs-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(listed(ecs(TestAccount.A).param("ImageId", imageId))).isEmpty();

        modify(imageId, "Share").post().then().statusCode(200);
        Response byId = ecs(TestAccount.A).param("ImageId", imageId).post();
        String raw = byId.then().statusCode(200).extract().asString();
        assertThat(raw).contains("\"TotalCount\":1", "\"PageNumber\":1", "\"PageSize\":10", "\"Size\":20",
                "\"ImageOwnerId\":1500000000000000", "\"IsSelfShared\":\"false\"", "\"IsPublic\":false");
        JsonPath image = new JsonPath(raw).setRootPath("Images.Image[0]");
        assertThat(image.getString("ImageId")).isEqualTo(imageId);
        assertThat(image.getString("ImageOwnerAlias")).isEqualTo("others");
        assertThat(image.getString("OSType")).isEqualTo("linux");
        assertThat(image.getString("Platform")).isEqualTo("Aliyun");
        assertThat(image.getString("Status")).isEqualTo("Available");
        assertThat(image.getString("Usage")).isEqualTo("instance");
        assertThat(image.getString("CreationTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(new JsonPath(raw).getString("RegionId")).isEqualTo(REGION);
        assertThat(listed(ecs(TestAccount.A).param("ImageOwnerAlias", "others").param("PageSize", "100")))
                .contains(imageId);
        assertThat(listed(ecs(TestAccount.A).param("PageSize", "100"))).contains(imageId);
        assertThat(listed(ecs(TestAccount.A).param("ImageOwnerAlias", "self"))).isEmpty();

        // Nobody else sees it: not another account (not even one it is shared with in SWAS), not another region.
        Api.call(TestAccount.A, "AddCustomImageShareAccount").param("RegionId", REGION).param("ImageId", imageId)
                .param("Account.1", Long.toString(TestAccount.B.accountId())).post().then().statusCode(200);
        assertThat(listed(ecs(TestAccount.B).param("ImageId", imageId))).isEmpty();
        assertThat(listed(ecs(TestAccount.A).param("RegionId", "cn-shanghai").param("ImageId", imageId))).isEmpty();

        modify(imageId, "UnShare").post().then().statusCode(200);
        assertThat(listed(ecs(TestAccount.A).param("ImageId", imageId))).isEmpty();
        assertThat(listed(ecs(TestAccount.A).param("PageSize", "100"))).doesNotContain(imageId);
    }

    /** The ECS view names a shared image by its name and carries its description (contract section 10). */
    @Test
    void aSharedImageKeepsItsNameAndDescriptionInEcs() {
        String name = "ecs-named-" + UUID.randomUUID().toString().substring(0, 8);
        String description = "Nightly build of the shop, " + UUID.randomUUID();
        String imageId = Api.call(TestAccount.A, "CreateCustomImage").param("RegionId", REGION).param("ImageName", name)
                .param("Description", description).param("InstanceId", "i-named").param("SystemSnapshotId", "s-named")
                .post().then().statusCode(200).extract().path("ImageId");
        modify(imageId, "Share").post().then().statusCode(200);

        JsonPath json = ecs(TestAccount.A).param("ImageId", imageId).post().then().statusCode(200).extract().jsonPath();
        assertThat(json.getString("Images.Image[0].ImageId")).isEqualTo(imageId);
        assertThat(json.getString("Images.Image[0].ImageName")).isEqualTo(name);
        assertThat(json.getString("Images.Image[0].Description")).isEqualTo(description);
        XmlPath xml = new XmlPath(ecs(TestAccount.A).param("ImageId", imageId).xml().post().then().statusCode(200)
                .extract().asString());
        assertThat(xml.getString("DescribeImagesResponse.Images.Image.ImageName")).isEqualTo(name);
        assertThat(xml.getString("DescribeImagesResponse.Images.Image.Description")).isEqualTo(description);
        // Found by its name too.
        assertThat(listed(ecs(TestAccount.A).param("ImageName", name))).containsExactly(imageId);
        modify(imageId, "UnShare").post().then().statusCode(200);
    }

    @Test
    void systemImagesComeFromTheCatalog() {
        JsonPath system = ecs(TestAccount.A).param("ImageOwnerAlias", "system").param("PageSize", "100").post()
                .then().statusCode(200).extract().jsonPath();
        assertThat(system.getList("Images.Image.ImageOwnerAlias")).isNotEmpty().containsOnly("system");
        assertThat(system.getList("Images.Image.ImageName", String.class)).contains("Ubuntu 22.04 64-bit");
        assertThat(system.getList("Images.Image.OSType")).contains("linux", "windows");
        assertThat(system.getList("Images.Image.ImageName", String.class)).doesNotContain("WordPress 6.5");
        assertThat(listed(ecs(TestAccount.A).param("ImageOwnerAlias", "marketplace"))).isEmpty();
        assertThat(listed(ecs(TestAccount.A).param("ImageOwnerAlias", "system").param("Status", "Deprecated"))).isEmpty();
        JsonPath paged = ecs(TestAccount.A).param("ImageOwnerAlias", "system").param("PageSize", "2")
                .param("PageNumber", "2").post().then().statusCode(200).extract().jsonPath();
        assertThat(paged.getList("Images.Image")).hasSize(2);
        assertThat(paged.getInt("TotalCount")).isEqualTo(system.getInt("TotalCount"));
    }

    @Test
    void sharedImagesArePagedNewestFirstAndFilteredByNameLiterally() {
        String prefix = "ecs-page-" + UUID.randomUUID().toString().substring(0, 8);
        String first = Api.createImage(TestAccount.A, REGION, prefix + "-1");
        String second = Api.createImage(TestAccount.A, REGION, prefix + "-2");
        String third = Api.createImage(TestAccount.A, REGION, prefix + "-3");
        Api.createImage(TestAccount.A, REGION, prefix + "-unshared");
        for (String imageId : List.of(first, second, third)) {
            modify(imageId, "Share").post().then().statusCode(200);
        }

        JsonPath all = ecs(TestAccount.A).param("ImageName", prefix).post().then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getList("Images.Image.ImageId")).containsExactly(third, second, first);
        assertThat(all.getInt("TotalCount")).isEqualTo(3);
        JsonPath secondPage = ecs(TestAccount.A).param("ImageName", prefix).param("PageSize", "2")
                .param("PageNumber", "2").post().then().statusCode(200).extract().jsonPath();
        assertThat(secondPage.getList("Images.Image.ImageId")).containsExactly(first);
        assertThat(secondPage.getInt("TotalCount")).isEqualTo(3);
        assertThat(secondPage.getInt("PageNumber")).isEqualTo(2);
        JsonPath pastTheEnd = ecs(TestAccount.A).param("ImageName", prefix).param("PageSize", "2")
                .param("PageNumber", "3").post().then().statusCode(200).extract().jsonPath();
        assertThat(pastTheEnd.getList("Images.Image")).isEmpty();
        assertThat(pastTheEnd.getInt("TotalCount")).isEqualTo(3);

        assertThat(listed(ecs(TestAccount.A).param("ImageName", prefix + "-2"))).containsExactly(second);
        assertThat(listed(ecs(TestAccount.A).param("ImageName", prefix + "-%"))).isEmpty();
        assertThat(listed(ecs(TestAccount.A).param("ImageName", prefix.replace('-', '_')))).isEmpty();
        assertThat(listed(ecs(TestAccount.A).param("ImageName", prefix + "-2").param("ImageId", first + "," + second)))
                .containsExactly(second);
        assertThat(listed(ecs(TestAccount.A).param("ImageName", prefix + "-2").param("ImageId", first))).isEmpty();
        assertThat(listed(ecs(TestAccount.A).param("ImageName", prefix).param("ImageOwnerAlias", "system"))).isEmpty();
        assertThat(listed(ecs(TestAccount.A).param("ImageName", prefix).param("ImageOwnerAlias", "others")))
                .containsExactly(third, second, first);

        modify(second, "UnShare").post().then().statusCode(200);
        JsonPath after = ecs(TestAccount.A).param("ImageName", prefix).post().then().statusCode(200)
                .extract().jsonPath();
        assertThat(after.getList("Images.Image.ImageId")).containsExactly(third, first);
        assertThat(after.getInt("TotalCount")).isEqualTo(2);
    }

    @Test
    void badInputIsADocumentedErrorInJsonAndXml() {
        for (boolean xml : List.of(false, true)) {
            Api alias = ecs(TestAccount.A).param("ImageOwnerAlias", "everyone");
            Api pageSize = ecs(TestAccount.A).param("PageSize", "101");
            Api swasActionAsEcs = Api.call(TestAccount.A, "ListRegions").param("Version", "2014-05-26");
            Api ecsActionAsSwas = Api.call(TestAccount.A, "DescribeImages").param("RegionId", REGION);
            Api unknownVersion = ecs(TestAccount.A).param("Version", "2014-05-27");
            if (xml) {
                List.of(alias, pageSize, swasActionAsEcs, ecsActionAsSwas, unknownVersion).forEach(Api::xml);
                ErrorAssertions.assertXmlError(alias.post(), 400, "InvalidImageOwnerAlias.ValueNotSupported",
                        "The specified ImageOwnerAlias value is not supported.");
                ErrorAssertions.assertXmlError(pageSize.post(), 400, "InvalidParameter",
                        "The specified parameter \"PageSize\" is not valid.");
                ErrorAssertions.assertXmlError(swasActionAsEcs.post(), 404, "InvalidAction.NotFound",
                        "Specified api is not found, please check your url and method.");
                ErrorAssertions.assertXmlError(ecsActionAsSwas.post(), 404, "InvalidAction.NotFound",
                        "Specified api is not found, please check your url and method.");
                ErrorAssertions.assertXmlError(unknownVersion.post(), 400, "InvalidVersion",
                        "Specified parameter Version is not valid.");
            } else {
                ErrorAssertions.assertJsonError(alias.post(), 400, "InvalidImageOwnerAlias.ValueNotSupported",
                        "The specified ImageOwnerAlias value is not supported.");
                ErrorAssertions.assertJsonError(pageSize.post(), 400, "InvalidParameter",
                        "The specified parameter \"PageSize\" is not valid.");
                ErrorAssertions.assertJsonError(swasActionAsEcs.post(), 404, "InvalidAction.NotFound",
                        "Specified api is not found, please check your url and method.");
                ErrorAssertions.assertJsonError(ecsActionAsSwas.post(), 404, "InvalidAction.NotFound",
                        "Specified api is not found, please check your url and method.");
                ErrorAssertions.assertJsonError(unknownVersion.post(), 400, "InvalidVersion",
                        "Specified parameter Version is not valid.");
            }
        }
    }

    @Test
    void xmlNestsTheListAsEcsDoes() {
        String imageId = Api.createImage(TestAccount.A, REGION, "ecs-xml-" + UUID.randomUUID().toString().substring(0, 8));
        modify(imageId, "Share").post().then().statusCode(200);
        String xml = ecs(TestAccount.A).param("ImageId", imageId).xml().post().then().statusCode(200)
                .extract().asString();
        assertThat(xml).contains("<DescribeImagesResponse>", "<Images><Image><ImageId>" + imageId + "</ImageId>",
                "<OSType>linux</OSType>");
        XmlPath body = new XmlPath(xml);
        assertThat(body.getInt("DescribeImagesResponse.TotalCount")).isEqualTo(1);
        modify(imageId, "UnShare").post().then().statusCode(200);
    }

    /**
     * Share and UnShare in a loop while another thread describes the image: once an UnShare's response is in,
     * every DescribeImages sent after it answers without the image. After each UnShare the loop waits until the
     * reader has finished a describe sent after it, so at least 20 such describes are checked however busy the
     * machine is (a reader starved of CPU cannot make the test pass without checking anything).
     */
    @Test
    void aDescribeAfterAnUnShareNeverSeesTheImageShared() throws Exception {
        String imageId = Api.createImage(TestAccount.A, REGION, "ecs-raw-" + UUID.randomUUID().toString().substring(0, 8));
        // Odd while a Share/UnShare pair is under way, even once the UnShare has answered.
        AtomicInteger generation = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean(false);
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger stale = new AtomicInteger();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                int before = generation.get();
                List<String> seen = listed(ecs(TestAccount.A).param("ImageId", imageId));
                if (before % 2 == 0 && generation.get() == before) {
                    stale.addAndGet(seen.isEmpty() ? 0 : 1);
                    checked.incrementAndGet();
                }
            }
        });
        for (int i = 0; i < 20; i++) {
            generation.incrementAndGet();
            modify(imageId, "Share").post().then().statusCode(200);
            modify(imageId, "UnShare").post().then().statusCode(200);
            generation.incrementAndGet();
            int checkedBefore = checked.get();
            assertThat(listed(ecs(TestAccount.A).param("ImageId", imageId))).isEmpty();
            Await.until("a describe sent after UnShare " + (i + 1) + " is checked",
                    () -> checked.get() > checkedBefore || reader.isDone(), Duration.ofSeconds(60));
        }
        done.set(true);
        reader.get(60, TimeUnit.SECONDS);
        assertThat(stale.get()).as("describes after an UnShare that saw the image").isZero();
        assertThat(checked.get()).as("describes checked, at least one after each UnShare").isGreaterThanOrEqualTo(20);
    }
}
