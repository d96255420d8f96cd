package cloud.swas.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import cloud.swas.support.Api;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CreateCustomImage and ListCustomImages (contract section 8), and InShare following the share state. */
@QuarkusTest
class CustomImagesTest {

    private static JsonPath list(TestAccount account, String regionId, String... extra) {
        Api call = Api.call(account, "ListCustomImages").param("RegionId", regionId);
        for (int i = 0; i < extra.length; i += 2) {
            call.param(extra[i], extra[i + 1]);
        }
        return call.post().then().statusCode(200).extract().jsonPath();
    }

    @Test
    void createdImageIsListedWithSdkFieldTypes() {
        String imageId = Api.createImage(TestAccount.A, "cn-beijing", "listed-image");
        assertThat(imageId).matches("m-[a-z0-9]+");

        JsonPath body = list(TestAccount.A, "cn-beijing", "ImageIds", "[\"" + imageId + "\"]");
        assertThat(body.getString("TotalCount")).isEqualTo("1");
        // Paging numbers are JSON strings, as the SDK models declare them.
        assertThat(body.<Object>get("TotalCount")).isInstanceOf(String.class);
        assertThat(body.<Object>get("PageNumber")).isEqualTo("1");
        assertThat(body.<Object>get("PageSize")).isEqualTo("10");
        Map<String, Object> image = body.getMap("CustomImages[0]");
        assertThat(image).containsEntry("ImageId", imageId)
                .containsEntry("Name", "listed-image")
                .containsEntry("RegionId", "cn-beijing")
                .containsEntry("InstanceId", "i-test")
                .containsEntry("SystemSnapshotId", "s-test")
                .containsEntry("InShare", false)
                .containsEntry("InShareUser", false)
                .containsEntry("Status", "1");
        assertThat(((Number) image.get("UserId")).longValue()).isEqualTo(TestAccount.A.accountId());
        assertThat((String) image.get("CreationTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void inShareFollowsModifyImageShareStatusAndFilters() {
        String imageId = Api.createImage(TestAccount.A, "cn-qingdao", "share-visible");
        Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-qingdao").param("ImageId", imageId)
                .param("Operation", "Share").post().then().statusCode(200);

        JsonPath shared = list(TestAccount.A, "cn-qingdao", "ImageIds", "[\"" + imageId + "\"]");
        assertThat(shared.getBoolean("CustomImages[0].InShare")).isTrue();
        List<String> sharedIds = list(TestAccount.A, "cn-qingdao", "Share", "true", "PageSize", "100")
                .getList("CustomImages.ImageId");
        assertThat(sharedIds).contains(imageId);
        List<String> unsharedIds = list(TestAccount.A, "cn-qingdao", "Share", "false", "PageSize", "100")
                .getList("CustomImages.ImageId");
        assertThat(unsharedIds).doesNotContain(imageId);
    }

    @Test
    void listIsScopedToTheCallersAccount() {
        String imageOfB = Api.createImage(TestAccount.B, "cn-zhangjiakou", "private-to-b");
        JsonPath seenByA = list(TestAccount.A, "cn-zhangjiakou", "ImageIds", "[\"" + imageOfB + "\"]");
        assertThat(seenByA.getString("TotalCount")).isEqualTo("0");
        assertThat(seenByA.getList("CustomImages")).isEmpty();
    }

    @Test
    void pagingSplitsTheList() {
        String region = "cn-huhehaote";
        for (int i = 0; i < 3; i++) {
            Api.createImage(TestAccount.C, region, "paged-" + i);
        }
        JsonPath first = list(TestAccount.C, region, "PageSize", "2", "PageNumber", "1");
        JsonPath second = list(TestAccount.C, region, "PageSize", "2", "PageNumber", "2");
        assertThat(first.getList("CustomImages")).hasSize(2);
        assertThat(second.getList("CustomImages")).isNotEmpty();
        assertThat(first.getList("CustomImages.ImageId")).doesNotContainAnyElementsOf(second.getList("CustomImages.ImageId"));

        // Every page, full, partial or past the end, reports the same TotalCount: the number of images listed.
        List<String> all = new java.util.ArrayList<>();
        java.util.Set<String> totals = new java.util.HashSet<>();
        for (int page = 1; ; page++) {
            JsonPath body = list(TestAccount.C, region, "PageSize", "2", "PageNumber", Integer.toString(page));
            totals.add(body.getString("TotalCount"));
            List<String> ids = body.getList("CustomImages.ImageId");
            if (ids.isEmpty()) {
                break;
            }
            all.addAll(ids);
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        assertThat(totals).containsExactly(Integer.toString(all.size()));
    }

    /** Contract section 3: in XML a list is one element, one child per item named by the singular. */
    @Test
    void xmlListIsOneElementWithAChildPerImage() {
        String region = "cn-chengdu";
        String one = Api.createImage(TestAccount.B, region, "xml-one");
        String two = Api.createImage(TestAccount.B, region, "xml-two");
        String xml = Api.call(TestAccount.B, "ListCustomImages").param("RegionId", region)
                .param("ImageIds", "[\"" + one + "\",\"" + two + "\"]").xml().post()
                .then().statusCode(200).extract().asString();
        XmlPath body = new XmlPath(xml);
        assertThat(body.getList("ListCustomImagesResponse.CustomImages.CustomImage.ImageId"))
                .containsExactlyInAnyOrder(one, two);
        assertThat(xml).containsOnlyOnce("<CustomImages>").contains("<CustomImages><CustomImage><ImageId>");
    }

    @Test
    void invalidCreateParametersAreNamed() {
        Api.call(TestAccount.A, "CreateCustomImage").param("RegionId", "cn-hangzhou").param("ImageName", "-bad")
                .param("InstanceId", "i-1").param("SystemSnapshotId", "s-1").post()
                .then().statusCode(400).body("Code", equalTo("InvalidParam.IllegalImageName"))
                .body("Message", equalTo("The specified parameter ImageName is illegal."));
        Api.call(TestAccount.A, "CreateCustomImage").param("RegionId", "cn-hangzhou").param("ImageName", "ok-name")
                .param("SystemSnapshotId", "s-1").post()
                .then().statusCode(400).body("Code", equalTo("MissingParameter"));
    }

    @Test
    void invalidListParametersAreNamed() {
        for (String[] bad : new String[][] {{"ImageIds", "not-json"}, {"PageSize", "101"}, {"PageNumber", "0"},
                {"Share", "maybe"}}) {
            Api.call(TestAccount.A, "ListCustomImages").param("RegionId", "cn-hangzhou").param(bad[0], bad[1]).post()
                    .then().statusCode(400)
                    .body("Code", equalTo("InvalidParameter"))
                    .body("Message", matchesPattern(".*\"" + bad[0] + "\".*"));
        }
    }

    private static String create(String region, String name, String instance, String systemSnapshot,
                                 String dataSnapshot) {
        Api call = Api.call(TestAccount.A, "CreateCustomImage").param("RegionId", region).param("ImageName", name)
                .param("InstanceId", instance).param("SystemSnapshotId", systemSnapshot);
        if (dataSnapshot != null) {
            call.param("DataSnapshotId", dataSnapshot);
        }
        return call.post().then().statusCode(200).extract().path("ImageId");
    }

    /**
     * Section 8: ImageNames, InstanceId, SystemSnapshotId and DataSnapshotId each select exactly the images that
     * match (three images that differ in one of them each), and combine with AND.
     */
    @Test
    void listFiltersByNameInstanceAndSnapshots() {
        String region = "cn-chengdu";
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String one = create(region, "filter-one-" + tag, "i-one-" + tag, "s-one-" + tag, "d-one-" + tag);
        String two = create(region, "filter-two-" + tag, "i-two-" + tag, "s-two-" + tag, "d-two-" + tag);
        String three = create(region, "filter-three-" + tag, "i-two-" + tag, "s-one-" + tag, null);

        assertThat(ids(region, "ImageNames", "[\"filter-two-" + tag + "\"]")).containsExactly(two);
        assertThat(ids(region, "ImageNames", "[\"filter-one-" + tag + "\",\"filter-three-" + tag + "\"]"))
                .containsExactlyInAnyOrder(one, three);
        assertThat(ids(region, "ImageNames", "[\"filter-" + tag + "\"]")).isEmpty();
        assertThat(ids(region, "InstanceId", "i-one-" + tag)).containsExactly(one);
        assertThat(ids(region, "InstanceId", "i-two-" + tag)).containsExactlyInAnyOrder(two, three);
        assertThat(ids(region, "SystemSnapshotId", "s-one-" + tag)).containsExactlyInAnyOrder(one, three);
        assertThat(ids(region, "SystemSnapshotId", "s-two-" + tag)).containsExactly(two);
        assertThat(ids(region, "DataSnapshotId", "d-one-" + tag)).containsExactly(one);
        assertThat(ids(region, "DataSnapshotId", "d-two-" + tag)).containsExactly(two);
        assertThat(ids(region, "DataSnapshotId", "d-none-" + tag)).isEmpty();
        assertThat(ids(region, "InstanceId", "i-two-" + tag, "SystemSnapshotId", "s-one-" + tag))
                .containsExactly(three);
        JsonPath counted = list(TestAccount.A, region, "InstanceId", "i-two-" + tag, "PageSize", "1");
        assertThat(counted.getString("TotalCount")).isEqualTo("2");
    }

    private static List<String> ids(String region, String... filters) {
        String[] all = new String[filters.length + 2];
        System.arraycopy(filters, 0, all, 0, filters.length);
        all[filters.length] = "PageSize";
        all[filters.length + 1] = "100";
        return list(TestAccount.A, region, all).getList("CustomImages.ImageId");
    }
}
