package cloud.swas.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One way of counting characters (issue 29, 4): every length limit counts code points, at creation, in the filters
 * and in PostgreSQL ({@code varchar(n)}). U+1D400 (MATHEMATICAL BOLD CAPITAL A) is a letter outside the Basic
 * Multilingual Plane: one code point, two UTF-16 units. Before, creation counted one way and the filters the other,
 * so a name that CreateCustomImage accepted could not be looked up.
 */
@QuarkusTest
class CodePointLengthTest {

    private static final String REGION = "cn-hangzhou";
    private static final String BOLD_A = "\ud835\udc00";

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private TestAccount provisioned(String label) {
        TestAccount account = TestAccount.fresh(label);
        keys.upsert(account.accountId(), account.accessKeyId(), account.secret());
        return account;
    }

    private static Api create(TestAccount owner, String name) {
        return Api.call(owner, "CreateCustomImage").param("RegionId", REGION).param("ImageName", name)
                .param("InstanceId", "i-cp").param("SystemSnapshotId", "s-cp");
    }

    @Test
    void aNameOfAHundredAstralLettersIsCreatedAndFoundByBothFilters() {
        TestAccount owner = provisioned("CPNAME");
        String name = BOLD_A.repeat(100);
        assertThat(name.length()).isEqualTo(200);
        String imageId = create(owner, name).post().then().statusCode(200).extract().jsonPath().getString("ImageId");

        JsonPath byName = Api.call(owner, "ListCustomImages").param("RegionId", REGION)
                .param("ImageNames", "[\"" + name + "\"]").post().then().statusCode(200).extract().jsonPath();
        assertThat(byName.getString("TotalCount")).isEqualTo("1");
        assertThat(byName.getString("CustomImages[0].ImageId")).isEqualTo(imageId);
        assertThat(byName.getString("CustomImages[0].Name")).isEqualTo(name);

        Api.call(owner, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", imageId)
                .param("Operation", "Share").post().then().statusCode(200);
        JsonPath ecs = Api.call(owner, "DescribeImages").param("Version", "2014-05-26").param("RegionId", REGION)
                .param("ImageName", name).post().then().statusCode(200).extract().jsonPath();
        assertThat(ecs.getList("Images.Image.ImageId")).containsExactly(imageId);
        assertThat(ecs.getString("Images.Image[0].ImageName")).isEqualTo(name);
    }

    @Test
    void theNameLimitIs128CodePointsEverywhere() {
        TestAccount owner = provisioned("CPLIMIT");
        String longest = "a" + BOLD_A.repeat(127);
        create(owner, longest).post().then().statusCode(200);
        assertThat(db.single("SELECT char_length(name) FROM custom_image WHERE account_id = ?", owner.accountId()))
                .isEqualTo(128);
        Api.call(owner, "ListCustomImages").param("RegionId", REGION).param("ImageNames", "[\"" + longest + "\"]")
                .post().then().statusCode(200);
        Api.call(owner, "DescribeImages").param("Version", "2014-05-26").param("RegionId", REGION)
                .param("ImageName", longest).post().then().statusCode(200);

        String tooLong = longest + BOLD_A;
        ErrorAssertions.assertJsonError(create(owner, tooLong).post(), 400, "InvalidParam.IllegalImageName",
                "The specified parameter ImageName is illegal.");
        ErrorAssertions.assertJsonError(Api.call(owner, "ListCustomImages").param("RegionId", REGION)
                        .param("ImageNames", "[\"" + tooLong + "\"]").post(), 400, "InvalidParameter",
                "The specified parameter \"ImageNames\" is not valid.");
        ErrorAssertions.assertJsonError(Api.call(owner, "DescribeImages").param("Version", "2014-05-26")
                        .param("RegionId", REGION).param("ImageName", tooLong).post(), 400, "InvalidParameter",
                "The specified parameter \"ImageName\" is not valid.");
    }

    /** At the limit in code points, over it in UTF-16 units: accepted, and stored as sent. */
    @Test
    void descriptionAndTagsAtTheirLimitInCodePointsAreAcceptedAndStored() {
        TestAccount owner = provisioned("CPTEXT");
        String description = BOLD_A.repeat(256);
        String key = BOLD_A.repeat(128);
        String value = "v" + BOLD_A.repeat(127);
        String imageId = create(owner, "cp-text").param("Description", description).param("Tag.1.Key", key)
                .param("Tag.1.Value", value).post().then().statusCode(200).extract().jsonPath().getString("ImageId");

        assertThat(db.single("SELECT description FROM custom_image WHERE account_id = ? AND image_id = ?",
                owner.accountId(), imageId)).isEqualTo(description);
        assertThat(db.single("SELECT tag_key || '=' || tag_value FROM custom_image_tag WHERE account_id = ? "
                + "AND image_id = ?", owner.accountId(), imageId)).isEqualTo(key + "=" + value);
        JsonPath listed = Api.call(owner, "ListCustomImages").param("RegionId", REGION)
                .param("ImageIds", "[\"" + imageId + "\"]").post().then().statusCode(200).extract().jsonPath();
        assertThat(listed.getString("CustomImages[0].Description")).isEqualTo(description);
        assertThat(listed.getList("CustomImages[0].Tags.Key")).containsExactly(key);
        assertThat(listed.getList("CustomImages[0].Tags.Value")).containsExactly(value);
        // The tag filter takes what creation took.
        assertThat(Api.call(owner, "ListCustomImages").param("RegionId", REGION).param("Tag.1.Key", key)
                .param("Tag.1.Value", value).post().then().statusCode(200).extract().jsonPath()
                .getList("CustomImages.ImageId")).isEqualTo(List.of(imageId));

        ErrorAssertions.assertJsonError(create(owner, "cp-long-description").param("Description", description + "x")
                .post(), 400, "InvalidParameter", "The specified parameter \"Description\" is not valid.");
        ErrorAssertions.assertJsonError(create(owner, "cp-long-key").param("Tag.1.Key", key + "x").post(), 400,
                "InvalidParameter", "The specified parameter \"Tag\" is not valid.");
        ErrorAssertions.assertJsonError(create(owner, "cp-long-value").param("Tag.1.Key", "k")
                .param("Tag.1.Value", value + "x").post(), 400, "InvalidParameter",
                "The specified parameter \"Tag\" is not valid.");
    }
}
