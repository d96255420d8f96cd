package cloud.swas.image;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sharing a custom image with other accounts (contract section 8.1), over HTTP. */
@QuarkusTest
class ImageSharingTest {

    private static final String REGION = "cn-hangzhou";
    private static final String NOT_FOUND = "The specified ImageId does not exist.";

    @Inject
    Db db;

    private static Api add(TestAccount caller, String imageId, long... accounts) {
        return withAccounts(Api.call(caller, "AddCustomImageShareAccount"), imageId, accounts);
    }

    private static Api remove(TestAccount caller, String imageId, long... accounts) {
        return withAccounts(Api.call(caller, "RemoveCustomImageShareAccount"), imageId, accounts);
    }

    private static Api withAccounts(Api call, String imageId, long... accounts) {
        call.param("RegionId", REGION).param("ImageId", imageId);
        for (int i = 0; i < accounts.length; i++) {
            call.param("Account." + (i + 1), Long.toString(accounts[i]));
        }
        return call;
    }

    private static JsonPath shareAccounts(TestAccount caller, String imageId) {
        return Api.call(caller, "ListCustomImageShareAccounts").param("RegionId", REGION).param("ImageId", imageId)
                .post().then().statusCode(200).extract().jsonPath();
    }

    private static List<String> listedIds(TestAccount caller) {
        return Api.call(caller, "ListCustomImages").param("RegionId", REGION).param("PageSize", "100").post()
                .then().statusCode(200).extract().jsonPath().getList("CustomImages.ImageId");
    }

    private List<Object> audit(TestAccount owner, String imageId, String column) {
        return db.column("SELECT " + column + " FROM image_share_history WHERE account_id = ? AND image_id = ? "
                + "ORDER BY version", owner.accountId(), imageId);
    }

    @Test
    void theCrossAccountLifecycle() {
        String imageId = Api.createImage(TestAccount.A, REGION, "shared-" + UUID.randomUUID().toString().substring(0, 8));
        add(TestAccount.A, imageId, TestAccount.B.accountId()).post().then().statusCode(200);

        // B sees it, read-only, with its owner's account as UserId.
        JsonPath seenByB = Api.call(TestAccount.B, "ListCustomImages").param("RegionId", REGION)
                .param("ImageIds", "[\"" + imageId + "\"]").post().then().statusCode(200).extract().jsonPath();
        assertThat(seenByB.getString("TotalCount")).isEqualTo("1");
        assertThat(seenByB.getLong("CustomImages[0].UserId")).isEqualTo(TestAccount.A.accountId());
        assertThat(seenByB.getBoolean("CustomImages[0].InShare")).isFalse();
        assertThat(seenByB.getBoolean("CustomImages[0].InShareUser")).isFalse();
        assertThat(Api.call(TestAccount.B, "ListImages").param("RegionId", REGION).param("ImageType", "custom").post()
                .then().statusCode(200).extract().jsonPath().getList("Images.ImageId")).contains(imageId);
        // ...and the owner sees it shared with a user.
        assertThat(Api.call(TestAccount.A, "ListCustomImages").param("RegionId", REGION)
                .param("ImageIds", "[\"" + imageId + "\"]").post().jsonPath().getBoolean("CustomImages[0].InShareUser"))
                .isTrue();

        // Everything else B tries on it: the image does not exist for B.
        List<Response> writesOfB = List.of(
                Api.call(TestAccount.B, "DeleteCustomImage").param("RegionId", REGION).param("ImageId", imageId).post(),
                Api.call(TestAccount.B, "DeleteCustomImages").param("RegionId", REGION)
                        .param("ImageIds", "[\"" + imageId + "\"]").post(),
                Api.call(TestAccount.B, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", imageId)
                        .param("Operation", "Share").post(),
                add(TestAccount.B, imageId, TestAccount.C.accountId()).post(),
                remove(TestAccount.B, imageId, TestAccount.A.accountId()).post(),
                Api.call(TestAccount.B, "ListCustomImageShareAccounts").param("RegionId", REGION)
                        .param("ImageId", imageId).post());
        writesOfB.forEach(r -> ErrorAssertions.assertJsonError(r, 404, "InvalidImageId.NotFound", NOT_FOUND));

        // The owner cannot delete it while it is shared.
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DeleteCustomImage").param("RegionId", REGION)
                        .param("ImageId", imageId).post(), 400, "CustomImageInShare",
                "The custom image is being shared. Please disable sharing first and then delete it.");

        remove(TestAccount.A, imageId, TestAccount.B.accountId()).post().then().statusCode(200);
        assertThat(listedIds(TestAccount.B)).doesNotContain(imageId);
        Api.call(TestAccount.A, "DeleteCustomImage").param("RegionId", REGION).param("ImageId", imageId).post()
                .then().statusCode(200);
        assertThat(listedIds(TestAccount.A)).doesNotContain(imageId);

        assertThat(audit(TestAccount.A, imageId, "operation"))
                .containsExactly("AddShareAccount", "RemoveShareAccount", "Delete");
        assertThat(audit(TestAccount.A, imageId, "shared_account_id"))
                .containsExactly(TestAccount.B.accountId(), TestAccount.B.accountId(), null);
        assertThat(audit(TestAccount.A, imageId, "version")).containsExactly(1, 2, 3);
    }

    @Test
    void shareAccountsAreListedAsNumbersWithTheirSharedTime() {
        String imageId = Api.createImage(TestAccount.A, REGION, "accounts-" + UUID.randomUUID().toString().substring(0, 8));
        add(TestAccount.A, imageId, 1234567890123L, 98765L).post().then().statusCode(200);
        // Adding again changes nothing; removing an absent account too.
        add(TestAccount.A, imageId, 98765L).post().then().statusCode(200);
        remove(TestAccount.A, imageId, 55555L).post().then().statusCode(200);

        Response raw = Api.call(TestAccount.A, "ListCustomImageShareAccounts").param("RegionId", REGION)
                .param("ImageId", imageId).post();
        raw.then().statusCode(200);
        String body = raw.asString();
        assertThat(body).contains("\"TotalCount\":2").contains("\"PageNumber\":1").contains("\"PageSize\":10")
                .contains("\"UserId\":1234567890123").contains("\"UserId\":98765");
        JsonPath listed = raw.jsonPath();
        assertThat(listed.getList("ImageShareUsers.SharedTime", String.class))
                .allSatisfy(t -> assertThat(t).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.0"));
        assertThat(audit(TestAccount.A, imageId, "operation")).containsExactly("AddShareAccount", "AddShareAccount");

        JsonPath secondPage = Api.call(TestAccount.A, "ListCustomImageShareAccounts").param("RegionId", REGION)
                .param("ImageId", imageId).param("PageSize", "1").param("PageNumber", "2").post()
                .then().statusCode(200).extract().jsonPath();
        assertThat(secondPage.getList("ImageShareUsers")).hasSize(1);
        assertThat(secondPage.getInt("TotalCount")).isEqualTo(2);
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "ListCustomImageShareAccounts").param("RegionId", REGION)
                        .param("ImageId", imageId).param("PageSize", "51").post(), 400, "InvalidParameter",
                "The specified parameter \"PageSize\" is not valid.");
    }

    @Test
    void atMostTenAccountsPerImageAndNothingChangesBeyond() {
        String imageId = Api.createImage(TestAccount.A, REGION, "ten-" + UUID.randomUUID().toString().substring(0, 8));
        add(TestAccount.A, imageId, 1, 2, 3, 4, 5, 6, 7, 8).post().then().statusCode(200);
        ErrorAssertions.assertJsonError(add(TestAccount.A, imageId, 9, 10, 11).post(), 400, "QuotaExceed.ShareImageUser",
                "The shared Image user Quota exceeds.");
        assertThat(shareAccounts(TestAccount.A, imageId).getInt("TotalCount")).isEqualTo(8);
        add(TestAccount.A, imageId, 9, 10, 1).post().then().statusCode(200);
        assertThat(shareAccounts(TestAccount.A, imageId).getInt("TotalCount")).isEqualTo(10);

        // Eleven accounts in one request are a bad parameter, whatever the image holds.
        ErrorAssertions.assertJsonError(add(TestAccount.A, imageId, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).post(), 400,
                "InvalidParameter", "The specified parameter \"Account\" is not valid.");
        assertThat(audit(TestAccount.A, imageId, "operation")).hasSize(10);
    }

    @Test
    void badAccountsAndMethodsAreRefusedAndChangeNothing() {
        String imageId = Api.createImage(TestAccount.A, REGION, "bad-acct-" + UUID.randomUUID().toString().substring(0, 8));
        for (String bad : List.of("0", "-5", "abc", "1.5", "99999999999999999999", "007", " 7")) {
            ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "AddCustomImageShareAccount")
                            .param("RegionId", REGION).param("ImageId", imageId).param("Account.1", bad).post(), 400,
                    "InvalidParameter", "The specified parameter \"Account\" is not valid.");
        }
        ErrorAssertions.assertJsonError(add(TestAccount.A, imageId, TestAccount.A.accountId()).post(), 400,
                "InvalidParameter", "The specified parameter \"Account\" is not valid.");
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "AddCustomImageShareAccount").param("RegionId", REGION)
                        .param("ImageId", imageId).param("Account.2", "7").post(), 400,
                "InvalidParameter", "The specified parameter \"Account\" is not valid.");
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "AddCustomImageShareAccount").param("RegionId", REGION)
                        .param("ImageId", imageId).post(), 400, "MissingParameter",
                "The input parameter \"Account.1\" that is mandatory for processing this request is not supplied.");
        for (String action : List.of("AddCustomImageShareAccount", "RemoveCustomImageShareAccount")) {
            ErrorAssertions.assertJsonError(withAccounts(Api.call(TestAccount.A, action), imageId, 7).get(), 400,
                    "UnsupportedHTTPMethod", "This http method is not supported.");
        }
        assertThat(shareAccounts(TestAccount.A, imageId).getInt("TotalCount")).isZero();
        assertThat(audit(TestAccount.A, imageId, "operation")).isEmpty();
        ErrorAssertions.assertJsonError(add(TestAccount.A, "m-nosuchimage000000", 7).post(), 404,
                "InvalidImageId.NotFound", NOT_FOUND);
    }

    @Test
    void addingWithAClientTokenIsReplayed() {
        String imageId = Api.createImage(TestAccount.A, REGION, "token-add-" + UUID.randomUUID().toString().substring(0, 8));
        String token = UUID.randomUUID().toString();
        Response first = add(TestAccount.A, imageId, 4242).param("ClientToken", token).post();
        first.then().statusCode(200);
        Response again = add(TestAccount.A, imageId, 4242).param("ClientToken", token).post();
        again.then().statusCode(200).header("x-acs-idempotent-replayed", "true");
        assertThat(again.jsonPath().getString("RequestId")).isEqualTo(first.jsonPath().getString("RequestId"));
        assertThat(again.header("x-acs-request-id")).isEqualTo(first.jsonPath().getString("RequestId"));
        ErrorAssertions.assertJsonError(add(TestAccount.A, imageId, 4343).param("ClientToken", token).post(), 400,
                "IdempotentParameterMismatch", "The specified parameters are different from before.");
        assertThat(audit(TestAccount.A, imageId, "shared_account_id")).containsExactly(4242L);
    }

    @Test
    void deletingWithAClientTokenIsReplayedAfterTheImageIsGone() {
        String imageId = Api.createImage(TestAccount.A, REGION, "token-del-" + UUID.randomUUID().toString().substring(0, 8));
        String token = UUID.randomUUID().toString();
        Map<String, String> params = Map.of("RegionId", REGION, "ImageId", imageId, "ClientToken", token);
        Api first = Api.call(TestAccount.A, "DeleteCustomImage");
        params.forEach(first::param);
        String requestId = first.post().then().statusCode(200).extract().path("RequestId");
        Api retry = Api.call(TestAccount.A, "DeleteCustomImage");
        params.forEach(retry::param);
        Response replayed = retry.post();
        replayed.then().statusCode(200).header("x-acs-idempotent-replayed", "true");
        // Section 7: the first outcome again, its RequestId included (body and header).
        assertThat(replayed.jsonPath().getString("RequestId")).isEqualTo(requestId);
        assertThat(replayed.header("x-acs-request-id")).isEqualTo(requestId);
        Api other = Api.call(TestAccount.A, "DeleteCustomImage").param("RegionId", REGION).param("ImageId", imageId);
        ErrorAssertions.assertJsonError(other.post(), 404, "InvalidImageId.NotFound", NOT_FOUND);
        assertThat(requestId).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
    }

    /**
     * SharedTime is UTC (contract section 8: {@code 2024-07-15 13:59:21.0}, UTC): the instant of the Add call, to
     * the second, read as UTC.
     */
    @Test
    void sharedTimeIsTheInstantOfTheShareInUtc() {
        String imageId = Api.createImage(TestAccount.A, REGION, "utc-" + UUID.randomUUID().toString().substring(0, 8));
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        add(TestAccount.A, imageId, 777001L).post().then().statusCode(200);
        Instant after = Instant.now();
        String sharedTime = shareAccounts(TestAccount.A, imageId).getString("ImageShareUsers[0].SharedTime");
        assertThat(sharedTime).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.0");
        Instant shared = LocalDateTime.parse(sharedTime, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S"))
                .toInstant(ZoneOffset.UTC);
        assertThat(shared).isBetween(before, after);
    }

    /**
     * The receiver never sees the owner's share to ECS (section 8.1: InShare false from B's point of view), neither
     * in the field nor through the Share filter; and a shared image is listed in its own region only.
     */
    @Test
    void theReceiverDoesNotSeeTheOwnersShareToEcs() {
        String imageId = Api.createImage(TestAccount.A, REGION, "ecs-and-b-" + UUID.randomUUID().toString().substring(0, 8));
        Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", imageId)
                .param("Operation", "Share").post().then().statusCode(200);
        add(TestAccount.A, imageId, TestAccount.B.accountId()).post().then().statusCode(200);

        JsonPath byOwner = Api.call(TestAccount.A, "ListCustomImages").param("RegionId", REGION)
                .param("ImageIds", "[\"" + imageId + "\"]").post().then().statusCode(200).extract().jsonPath();
        assertThat(byOwner.getBoolean("CustomImages[0].InShare")).isTrue();
        assertThat(byOwner.getBoolean("CustomImages[0].InShareUser")).isTrue();

        JsonPath byReceiver = Api.call(TestAccount.B, "ListCustomImages").param("RegionId", REGION)
                .param("ImageIds", "[\"" + imageId + "\"]").post().then().statusCode(200).extract().jsonPath();
        assertThat(byReceiver.getString("TotalCount")).isEqualTo("1");
        assertThat(byReceiver.getBoolean("CustomImages[0].InShare")).isFalse();
        assertThat(byReceiver.getBoolean("CustomImages[0].InShareUser")).isFalse();
        assertThat(byReceiver.getLong("CustomImages[0].UserId")).isEqualTo(TestAccount.A.accountId());

        assertThat(filtered(TestAccount.B, REGION, imageId, "true")).isEmpty();
        assertThat(filtered(TestAccount.B, REGION, imageId, "false")).containsExactly(imageId);
        assertThat(filtered(TestAccount.A, REGION, imageId, "true")).containsExactly(imageId);
        assertThat(filtered(TestAccount.A, REGION, imageId, "false")).isEmpty();
        assertThat(filtered(TestAccount.B, "cn-shanghai", imageId, null)).isEmpty();
        assertThat(Api.call(TestAccount.B, "ListCustomImages").param("RegionId", "cn-shanghai").param("PageSize", "100")
                .post().then().statusCode(200).extract().jsonPath().getList("CustomImages.ImageId")).doesNotContain(imageId);
    }

    private static List<String> filtered(TestAccount caller, String region, String imageId, String share) {
        Api call = Api.call(caller, "ListCustomImages").param("RegionId", region)
                .param("ImageIds", "[\"" + imageId + "\"]");
        if (share != null) {
            call.param("Share", share);
        }
        return call.post().then().statusCode(200).extract().jsonPath().getList("CustomImages.ImageId");
    }
}
