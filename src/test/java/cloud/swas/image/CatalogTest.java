package cloud.swas.image;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ListImages (the catalog and the caller's custom images) and ListRegions. */
@QuarkusTest
class CatalogTest {

    private static JsonPath listImages(TestAccount account, String... params) {
        Api call = Api.call(account, "ListImages").param("RegionId", "cn-hangzhou");
        for (int i = 0; i < params.length; i += 2) {
            call.param(params[i], params[i + 1]);
        }
        return call.post().then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theCatalogHoldsSystemAndAppImagesWithHexIds() {
        JsonPath system = listImages(TestAccount.A, "ImageType", "system");
        assertThat(system.getList("Images.ImageType")).isNotEmpty().containsOnly("system");
        assertThat(system.getList("Images.ImageName", String.class)).contains("Ubuntu 22.04 64-bit",
                "Windows Server 2022 Datacenter 64-bit");
        assertThat(system.getList("Images.Platform")).contains("Linux", "Windows");
        assertThat(system.getList("Images.ImageId", String.class)).allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
        JsonPath apps = listImages(TestAccount.A, "ImageType", "app");
        assertThat(apps.getList("Images.ImageName", String.class)).contains("WordPress 6.5").hasSizeGreaterThanOrEqualTo(3);

        String ubuntu = system.getString("Images.find { it.ImageName == 'Ubuntu 22.04 64-bit' }.ImageId");
        JsonPath one = listImages(TestAccount.A, "ImageIds", "[\"" + ubuntu + "\"]");
        assertThat(one.getList("Images.ImageId")).containsExactly(ubuntu);
        assertThat(one.getString("Images[0].Description")).isNotBlank();
    }

    @Test
    void customImagesAreListedWithTheirOsTypeAsPlatform() {
        String imageId = Api.createImage(TestAccount.C, "cn-hangzhou", "catalog-" + UUID.randomUUID().toString().substring(0, 8));
        JsonPath all = listImages(TestAccount.C);
        assertThat(all.getList("Images.ImageType")).contains("system", "app", "custom");
        JsonPath custom = listImages(TestAccount.C, "ImageType", "custom");
        assertThat(custom.getList("Images.ImageType")).containsOnly("custom");
        assertThat(custom.getString("Images.find { it.ImageId == '" + imageId + "' }.Platform")).isEqualTo("Linux");
        assertThat(listImages(TestAccount.B, "ImageType", "custom").getList("Images.ImageId")).doesNotContain(imageId);
    }

    @Test
    void anUnknownImageTypeIsRefused() {
        for (String type : List.of("System", "public", "marketplace")) {
            ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "ListImages").param("RegionId", "cn-hangzhou")
                            .param("ImageType", type).post(), 400, "InvalidImageType.ValueNotSupported",
                    "The specified parameter ImageType is invalid.");
        }
        StringBuilder fiftyOne = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            fiftyOne.append(i == 0 ? "" : ",").append("\"m-x").append(i).append('"');
        }
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "ListImages").param("RegionId", "cn-hangzhou")
                .param("ImageIds", fiftyOne + "]").post(), 400, "InvalidParameter",
                "The specified parameter \"ImageIds\" is not valid.");
    }

    @Test
    void regionsInChineseByDefaultAndInEnglish() {
        JsonPath chinese = Api.call(TestAccount.A, "ListRegions").post().then().statusCode(200).extract().jsonPath();
        assertThat(chinese.getString("Regions.find { it.RegionId == 'cn-hangzhou' }.LocalName")).isEqualTo("华东1（杭州）");
        assertThat(chinese.getString("Regions.find { it.RegionId == 'cn-hangzhou' }.RegionEndpoint"))
                .isEqualTo("swas.cn-hangzhou.aliyuncs.com");
        JsonPath english = Api.call(TestAccount.A, "ListRegions").param("AcceptLanguage", "en-US").post()
                .then().statusCode(200).extract().jsonPath();
        assertThat(english.getString("Regions.find { it.RegionId == 'cn-hangzhou' }.LocalName"))
                .isEqualTo("China (Hangzhou)");
        assertThat(english.getList("Regions")).hasSameSizeAs(chinese.getList("Regions")).hasSizeGreaterThan(20);
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "ListRegions").param("AcceptLanguage", "fr-FR").post(),
                400, "InvalidParameter", "The specified parameter \"AcceptLanguage\" is not valid.");

        XmlPath xml = new XmlPath(Api.call(TestAccount.A, "ListRegions").xml().post().then().statusCode(200)
                .extract().asString());
        assertThat(xml.getList("ListRegionsResponse.Regions.Region.RegionId")).contains("cn-hangzhou", "us-west-1");
    }
}
