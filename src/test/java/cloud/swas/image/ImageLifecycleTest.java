package cloud.swas.image;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** CreateCustomImage's validations and tags, ListCustomImages' fields and filters, DeleteCustomImage(s). */
@QuarkusTest
class ImageLifecycleTest {

    private static final String REGION = "cn-hangzhou";

    @Inject
    Db db;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Api create(TestAccount account, String name) {
        return Api.call(account, "CreateCustomImage").param("RegionId", REGION).param("ImageName", name)
                .param("InstanceId", "i-life").param("SystemSnapshotId", "s-life");
    }

    private static JsonPath list(TestAccount account, Map<String, String> filters) {
        Api call = Api.call(account, "ListCustomImages").param("RegionId", REGION).param("PageSize", "100");
        filters.forEach(call::param);
        return call.post().then().statusCode(200).extract().jsonPath();
    }

    private static String ids(String... ids) {
        return Arrays.stream(ids).map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private long images(TestAccount account, String imageId) {
        return db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND image_id = ?", account.accountId(),
                imageId);
    }

    @Test
    void everyFieldOfTheModelIsListed() {
        String name = unique("fields");
        String imageId = create(TestAccount.A, name).param("Description", "with tags")
                .param("ResourceGroupId", "rg-acfm").param("DataSnapshotId", "s-data")
                .param("Tag.1.Key", "env").param("Tag.1.Value", "prod").param("Tag.2.Key", "team").post()
                .then().statusCode(200).extract().path("ImageId");

        String raw = Api.call(TestAccount.A, "ListCustomImages").param("RegionId", REGION)
                .param("ImageIds", ids(imageId)).post().then().statusCode(200).extract().asString();
        assertThat(raw).contains("\"TotalCount\":\"1\"", "\"PageNumber\":\"1\"", "\"PageSize\":\"10\"",
                "\"RequiredSystemDiskSize\":20", "\"UserId\":" + TestAccount.A.accountId(), "\"CreateInstances\":[]");
        JsonPath image = new JsonPath(raw).setRootPath("CustomImages[0]");
        assertThat(image.getString("ImageId")).isEqualTo(imageId);
        assertThat(image.getString("Name")).isEqualTo(name);
        assertThat(image.getString("Description")).isEqualTo("with tags");
        assertThat(image.getString("RegionId")).isEqualTo(REGION);
        assertThat(image.getString("InstanceId")).isEqualTo("i-life");
        assertThat(image.getString("InstanceName")).isEqualTo("i-life");
        assertThat(image.getString("ResourceGroupId")).isEqualTo("rg-acfm");
        assertThat(image.getString("SystemSnapshotId")).isEqualTo("s-life");
        assertThat(image.getString("DataSnapshotId")).isEqualTo("s-data");
        assertThat(image.getString("Status")).isEqualTo("1");
        assertThat(image.getString("OsType")).isEqualTo("Linux");
        assertThat(image.getString("CreationTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(image.getBoolean("InShare")).isFalse();
        assertThat(image.getBoolean("InShareUser")).isFalse();
        assertThat(image.getList("Tags.Key")).containsExactly("env", "team");
        assertThat(image.getList("Tags.Value")).containsExactly("prod", "");
    }

    @Test
    void imageNamesAreValidatedAndUniquePerRegion() {
        for (String bad : List.of("-starts-with-dash", "a", "x".repeat(129), "has space", "dot.ted", "semi;colon", "_x")) {
            ErrorAssertions.assertJsonError(create(TestAccount.A, bad).post(), 400, "InvalidParam.IllegalImageName",
                    "The specified parameter ImageName is illegal.");
        }
        String name = unique("dup");
        create(TestAccount.A, name).post().then().statusCode(200);
        ErrorAssertions.assertJsonError(create(TestAccount.A, name).post(), 400, "ImageNameAlreadyExist",
                "The image name already exists.");
        Api.createImage(TestAccount.A, "cn-shanghai", name);
        Api.createImage(TestAccount.B, REGION, name);
        create(TestAccount.A, "名称:" + UUID.randomUUID().toString().substring(0, 6)).post().then().statusCode(200);
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND name = ?",
                TestAccount.A.accountId(), name)).isEqualTo(2);
    }

    @Test
    void tagsAreValidated() {
        for (Map<String, String> bad : List.of(Map.of("Tag.21.Key", "k"), Map.of("Tag.1.Value", "v"),
                Map.of("Tag.1.Key", "k", "Tag.2.Key", "k"), Map.of("Tag.2.Key", "k"), Map.of("Tag.1.Key", "k".repeat(129)),
                Map.of("Tag.x.Key", "k"), Map.of("Tag.1.Name", "k"))) {
            Api call = create(TestAccount.A, unique("tag"));
            bad.forEach(call::param);
            ErrorAssertions.assertJsonError(call.post(), 400, "InvalidParameter",
                    "The specified parameter \"Tag\" is not valid.");
        }
        Api twenty = create(TestAccount.A, unique("tags20"));
        for (int i = 1; i <= 20; i++) {
            twenty.param("Tag." + i + ".Key", "k" + i).param("Tag." + i + ".Value", "v" + i);
        }
        twenty.post().then().statusCode(200);
    }

    @Test
    void listFiltersByShareResourceGroupAndTags() {
        String group = "rg-" + UUID.randomUUID().toString().substring(0, 8);
        String shared = create(TestAccount.A, unique("f1")).param("ResourceGroupId", group)
                .param("Tag.1.Key", "tier").param("Tag.1.Value", "web").post().then().extract().path("ImageId");
        String plain = create(TestAccount.A, unique("f2")).param("ResourceGroupId", group)
                .param("Tag.1.Key", "tier").param("Tag.1.Value", "db").post().then().extract().path("ImageId");
        Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", shared)
                .param("Operation", "Share").post().then().statusCode(200);

        Map<String, String> inGroup = Map.of("ResourceGroupId", group);
        assertThat(list(TestAccount.A, inGroup).getList("CustomImages.ImageId")).containsExactlyInAnyOrder(shared, plain);
        for (String truth : List.of("true", "True", "TRUE")) {
            assertThat(list(TestAccount.A, Map.of("ResourceGroupId", group, "Share", truth))
                    .getList("CustomImages.ImageId")).containsExactly(shared);
        }
        assertThat(list(TestAccount.A, Map.of("ResourceGroupId", group, "Share", "False"))
                .getList("CustomImages.ImageId")).containsExactly(plain);
        assertThat(list(TestAccount.A, Map.of("ResourceGroupId", group, "Tag.1.Key", "tier", "Tag.1.Value", "db"))
                .getList("CustomImages.ImageId")).containsExactly(plain);
        assertThat(list(TestAccount.A, Map.of("ResourceGroupId", group, "Tag.1.Key", "tier"))
                .getList("CustomImages.ImageId")).containsExactlyInAnyOrder(shared, plain);
        assertThat(list(TestAccount.A, Map.of("ResourceGroupId", group, "Tag.1.Key", "absent"))
                .getList("CustomImages")).isEmpty();
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "ListCustomImages").param("RegionId", REGION)
                        .param("Share", "yes").post(), 400, "InvalidParameter",
                "The specified parameter \"Share\" is not valid.");
    }

    @Test
    void deleteRemovesTheImageButKeepsItsAuditTrail() {
        String name = unique("del");
        String imageId = Api.createImage(TestAccount.A, REGION, name);
        Api share = Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", imageId);
        share.param("Operation", "Share").post().then().statusCode(200);
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DeleteCustomImage").param("RegionId", REGION)
                        .param("ImageId", imageId).post(), 400, "CustomImageInShare",
                "The custom image is being shared. Please disable sharing first and then delete it.");
        assertThat(images(TestAccount.A, imageId)).isEqualTo(1);
        Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", imageId)
                .param("Operation", "UnShare").post().then().statusCode(200);

        Api.call(TestAccount.A, "DeleteCustomImage").param("RegionId", REGION).param("ImageId", imageId).post()
                .then().statusCode(200).body("RequestId", org.hamcrest.Matchers.matchesPattern("[0-9A-F-]{36}"));
        assertThat(images(TestAccount.A, imageId)).isZero();
        assertThat(list(TestAccount.A, Map.of("ImageIds", ids(imageId))).getList("CustomImages")).isEmpty();
        assertThat(db.column("SELECT operation FROM image_share_history WHERE account_id = ? AND image_id = ? "
                + "ORDER BY version", TestAccount.A.accountId(), imageId)).containsExactly("Share", "UnShare", "Delete");
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DeleteCustomImage").param("RegionId", REGION)
                .param("ImageId", imageId).post(), 404, "InvalidImageId.NotFound", "The specified ImageId does not exist.");
        // Its name is free again.
        create(TestAccount.A, name).post().then().statusCode(200);
    }

    @Test
    void deleteCustomImagesIsAllOrNothing() {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(Api.createImage(TestAccount.A, REGION, unique("batch")));
        }
        String sharedOne = batch.get(2);
        Api.call(TestAccount.A, "AddCustomImageShareAccount").param("RegionId", REGION).param("ImageId", sharedOne)
                .param("Account.1", "777").post().then().statusCode(200);

        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DeleteCustomImages").param("RegionId", REGION)
                        .param("ImageIds", ids(batch.get(0), "m-missing000000000")).post(), 404,
                "InvalidImageId.NotFound", "The specified ImageId does not exist.");
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DeleteCustomImages").param("RegionId", REGION)
                        .param("ImageIds", ids(batch.toArray(String[]::new))).post(), 400, "CustomImageInShare",
                "The custom image is in sharing,please unshare first then to retry.");
        batch.forEach(id -> assertThat(images(TestAccount.A, id)).isEqualTo(1));

        Api.call(TestAccount.A, "DeleteCustomImages").param("RegionId", REGION)
                .param("ImageIds", ids(batch.get(0), batch.get(1))).post().then().statusCode(200);
        assertThat(images(TestAccount.A, batch.get(0)) + images(TestAccount.A, batch.get(1))).isZero();
        assertThat(images(TestAccount.A, sharedOne)).isEqualTo(1);
    }

    /**
     * Shared to ECS is shared too (section 8): DeleteCustomImage and DeleteCustomImages refuse the batch, and
     * delete nothing of it, until the image is unshared.
     */
    @Test
    void anImageSharedToEcsBlocksTheWholeBatch() {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(Api.createImage(TestAccount.A, REGION, unique("ecs-batch")));
        }
        String sharedToEcs = batch.get(1);
        Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", sharedToEcs)
                .param("Operation", "Share").post().then().statusCode(200);

        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DeleteCustomImages").param("RegionId", REGION)
                        .param("ImageIds", ids(batch.toArray(String[]::new))).post(), 400, "CustomImageInShare",
                "The custom image is in sharing,please unshare first then to retry.");
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DeleteCustomImage").param("RegionId", REGION)
                        .param("ImageId", sharedToEcs).post(), 400, "CustomImageInShare",
                "The custom image is being shared. Please disable sharing first and then delete it.");
        batch.forEach(id -> assertThat(images(TestAccount.A, id)).isEqualTo(1));

        Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", sharedToEcs)
                .param("Operation", "UnShare").post().then().statusCode(200);
        Api.call(TestAccount.A, "DeleteCustomImages").param("RegionId", REGION)
                .param("ImageIds", ids(batch.toArray(String[]::new))).post().then().statusCode(200);
        batch.forEach(id -> assertThat(images(TestAccount.A, id)).isZero());
    }

    @Test
    void deleteCustomImagesTakesOneToFifteenIds() {
        List<String> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add("m-sixteen" + i);
        }
        for (String bad : List.of(ids(sixteen.toArray(String[]::new)), "[]", "m-notjson", "[1,2]", "[\"\"]")) {
            ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DeleteCustomImages").param("RegionId", REGION)
                    .param("ImageIds", bad).post(), 400, "InvalidParameter",
                    "The specified parameter \"ImageIds\" is not valid.");
        }
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DeleteCustomImages").param("RegionId", REGION).post(),
                400, "MissingParameter",
                "The input parameter \"ImageIds\" that is mandatory for processing this request is not supplied.");
    }
}
