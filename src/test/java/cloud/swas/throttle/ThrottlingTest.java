package cloud.swas.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Concurrently;
import cloud.swas.support.DatabaseMinute;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import com.aliyun.swas_open20200601.Client;
import com.aliyun.swas_open20200601.models.ModifyImageShareStatusRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's quota, 10 calls per minute per user and operation, over HTTP and through the SDK. Windows are
 * the database's minutes; every test uses accounts of its own, new on every run, so nothing another test
 * or an earlier run counted can count here.
 */
@QuarkusTest
@TestProfile(ThrottlingTest.SeedLimits.class)
class ThrottlingTest {

    public static class SeedLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // ListRegions and ListImages are used by no other test of this class.
            return Map.of("swas.throttle.default-per-minute", "10",
                    "swas.throttle.actions.\"ListRegions\".per-minute", "3",
                    "swas.throttle.actions.\"ListImages\".enabled", "false");
        }
    }

    private static final String THROTTLED = "Request was denied due to user flow control.";
    private static final String NONCE_USED = "Specified signature nonce was used already.";

    @Inject
    Db db;

    @Inject
    AccessKeyStore keys;

    @TestHTTPResource("/")
    URL url;

    @BeforeEach
    void enoughOfTheMinuteLeft() {
        DatabaseMinute.awaitRoom(db, 15);
    }

    private TestAccount account(String label) {
        TestAccount account = TestAccount.fresh(label);
        keys.upsert(account.accountId(), account.accessKeyId(), account.secret());
        return account;
    }

    /** A second access key of {@code account}'s account (contract section 6: the quota is the account's). */
    private TestAccount secondKey(TestAccount account) {
        TestAccount second = new TestAccount(account.accountId(), account.accessKeyId() + "K2", account.secret() + "-2");
        keys.upsert(second.accountId(), second.accessKeyId(), second.secret());
        return second;
    }

    private static Api share(TestAccount account, String imageId, String operation, boolean withToken) {
        Api call = Api.call(account, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", operation);
        return withToken ? call.param("ClientToken", UUID.randomUUID().toString()) : call;
    }

    private static Api list(TestAccount account) {
        return Api.call(account, "ListCustomImages").param("RegionId", "cn-hangzhou");
    }

    private static void assertThrottled(Response response) {
        ErrorAssertions.assertJsonError(response, 400, "Throttling.User", THROTTLED);
    }

    private static void assertReplay(Response response) {
        ErrorAssertions.assertJsonError(response, 400, "SignatureNonceUsed", NONCE_USED);
    }

    /** x-acs-retry-after is the time left in the database's minute (measured after the response). */
    private void assertRetryAfterIsTheRestOfTheMinute(Response refused) {
        long retryAfter = Long.parseLong(refused.header("x-acs-retry-after"));
        long left = DatabaseMinute.leftMillis(db);
        assertThat(retryAfter).isBetween(left - 200, left + 5_000);
    }

    private boolean inShare(TestAccount account, String imageId) {
        return (Boolean) db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId);
    }

    private long shareChanges(TestAccount account, String imageId) {
        return db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId);
    }

    @Test
    void eleventhCallInAMinuteIsThrottledWithTheRestOfTheMinuteAsRetryAfter() {
        TestAccount first = account("THRFIRST");
        for (int i = 0; i < 10; i++) {
            list(first).post().then().statusCode(200);
        }
        Response eleventh = list(first).post();
        assertThrottled(eleventh);
        assertRetryAfterIsTheRestOfTheMinute(eleventh);
        Response twelfth = list(first).post();
        assertThrottled(twelfth);
        assertRetryAfterIsTheRestOfTheMinute(twelfth);
    }

    @Test
    void throttledInXmlToo() {
        TestAccount formats = account("THRXML");
        for (int i = 0; i < 10; i++) {
            list(formats).xml().post().then().statusCode(200);
        }
        ErrorAssertions.assertXmlError(list(formats).xml().post(), 400, "Throttling.User", THROTTLED);
    }

    @Test
    void otherAccountsAndOtherOperationsAreUnaffected() {
        TestAccount operations = account("THROPS");
        TestAccount other = account("THROTHER");
        for (int i = 0; i < 10; i++) {
            list(operations).post().then().statusCode(200);
        }
        assertThrottled(list(operations).post());
        // Same account, another operation: its own quota.
        ErrorAssertions.assertJsonError(Api.call(operations, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", "m-none0000000000").param("Operation", "Share").post(), 404,
                "InvalidImageId.NotFound", "The specified ImageId does not exist.");
        // Another account, same operation.
        list(other).post().then().statusCode(200);
    }

    /** ECS actions count under their own names (contract section 10), on the same per-user quota. */
    @Test
    void ecsDescribeImagesHasAQuotaOfItsOwn() {
        TestAccount ecs = account("THRECS");
        for (int i = 0; i < 10; i++) {
            Api.call(ecs, "DescribeImages").param("Version", "2014-05-26").param("RegionId", "cn-hangzhou").post()
                    .then().statusCode(200);
        }
        assertThrottled(Api.call(ecs, "DescribeImages").param("Version", "2014-05-26").param("RegionId", "cn-hangzhou")
                .post());
        list(ecs).post().then().statusCode(200);
    }

    @Test
    void callsThatFailAuthenticationDoNotCount() {
        TestAccount forged = account("THRFORGED");
        TestAccount wrongSecret = new TestAccount(forged.accountId(), forged.accessKeyId(), "not-the-secret");
        for (int i = 0; i < 15; i++) {
            Response refused = list(wrongSecret).post();
            refused.then().statusCode(400);
            assertThat(refused.jsonPath().getString("Code")).isEqualTo("SignatureDoesNotMatch");
        }
        for (int i = 0; i < 10; i++) {
            list(forged).post().then().statusCode(200);
        }
        assertThrottled(list(forged).post());
    }

    @Test
    void theOfficialSdkSeesThrottlingUser() throws Exception {
        TestAccount sdk = account("THRSDK");
        String imageId = Api.createImage(sdk, "cn-hangzhou", "sdk-throttled");
        Client client = new Client(new Config().setAccessKeyId(sdk.accessKeyId()).setAccessKeySecret(sdk.secret())
                .setEndpoint("127.0.0.1:" + url.getPort()).setProtocol("HTTP"));
        for (int i = 0; i < 10; i++) {
            client.modifyImageShareStatus(new ModifyImageShareStatusRequest().setRegionId("cn-hangzhou")
                    .setImageId(imageId).setOperation(i % 2 == 0 ? "Share" : "UnShare"));
        }
        TeaException error = catchThrowableOfType(TeaException.class,
                () -> client.modifyImageShareStatus(new ModifyImageShareStatusRequest().setRegionId("cn-hangzhou")
                        .setImageId(imageId).setOperation("Share")));
        assertThat(error).isNotNull();
        assertThat(error.getCode()).isEqualTo("Throttling.User");
        assertThat(error.getMessage()).contains(THROTTLED);
    }

    /**
     * Refusals of a full window claim their nonces in groups: 12 different requests, each sent twice at
     * the same moment, give exactly one Throttling.User and one SignatureNonceUsed per request.
     */
    @Test
    void concurrentRefusalsClaimEveryNonceExactlyOnce() throws Exception {
        TestAccount crowd = account("THRCROWD");
        for (int i = 0; i < 10; i++) {
            list(crowd).post().then().statusCode(200);
        }
        assertThrottled(list(crowd).post());
        List<Map<String, String>> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(list(crowd).signedFor("POST"));
        }
        List<Response> answers = Concurrently.run(24, i -> Api.postSigned(requests.get(i / 2)));
        for (int i = 0; i < 12; i++) {
            List<String> codes = List.of(answers.get(2 * i).jsonPath().getString("Code"),
                    answers.get(2 * i + 1).jsonPath().getString("Code"));
            assertThat(codes).containsExactlyInAnyOrder("Throttling.User", "SignatureNonceUsed");
        }
    }

    /** A call refused for its input counts too, and a replay of it is refused as a replay. */
    @Test
    void invalidShareChangesCountAndUseUpTheirNonces() {
        TestAccount invalid = account("THRINVALID");
        List<Map<String, String>> refused = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, String> signed = share(invalid, "m-none0000000000", "Lend", i % 2 == 0).signedFor("POST");
            ErrorAssertions.assertJsonError(Api.postSigned(signed), 400, "InvalidParam.OperationIllegal",
                    "The specified parameter operation is illegal.");
            refused.add(signed);
        }
        assertThrottled(share(invalid, "m-none0000000000", "Share", false).post());
        assertReplay(Api.postSigned(refused.get(3)));
    }

    /** A replayed share change is refused, changes nothing and does not count against the quota. */
    @ParameterizedTest(name = "with ClientToken: {0}")
    @ValueSource(booleans = {false, true})
    void aReplayedShareChangeChangesNothingAndDoesNotCount(boolean withToken) {
        TestAccount account = account(withToken ? "THRREPTOKEN" : "THRREPPLAIN");
        String imageId = Api.createImage(account, "cn-hangzhou", "replayed");
        Map<String, String> first = share(account, imageId, "Share", withToken).signedFor("POST");
        Api.postSigned(first).then().statusCode(200);
        share(account, imageId, "UnShare", withToken).post().then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            assertReplay(Api.postSigned(first));
        }
        assertThat(inShare(account, imageId)).isFalse();
        assertThat(shareChanges(account, imageId)).isEqualTo(2);
        // Two counted so far: eight more are admitted, the ninth is not.
        for (int i = 0; i < 8; i++) {
            share(account, imageId, i % 2 == 0 ? "Share" : "UnShare", withToken).post().then().statusCode(200);
        }
        assertThrottled(share(account, imageId, "Share", withToken).post());
    }

    /**
     * What happens when the database's minute ends, for several accounts set up in the same minute (one
     * wait for all): the quota starts fresh; a refused request, a failed one and a refused share change
     * stay used up (their replays are refused as replays, even now that quota is free); and a refused
     * share change changed nothing. The first refusal of a minute is decided by the database, later ones by
     * this replica's memory of the full window: both kinds are replayed.
     */
    @Test
    void theNextMinuteStartsFreshWhileRefusedAndFailedRequestsStayUsed() {
        DatabaseMinute.awaitRoom(db, 30);
        TestAccount fresh = account("THRNEXT");
        TestAccount replayed = account("THRREFUSED");
        TestAccount failing = account("THRFAILING");
        TestAccount refusedPlain = account("THRREFPLAIN");
        TestAccount refusedToken = account("THRREFTOKEN");

        for (int i = 0; i < 10; i++) {
            list(fresh).post().then().statusCode(200);
        }
        assertThrottled(list(fresh).post());

        for (int i = 0; i < 10; i++) {
            list(replayed).post().then().statusCode(200);
        }
        Map<String, String> firstRefused = list(replayed).signedFor("POST");
        Map<String, String> laterRefused = list(replayed).signedFor("POST");
        assertThrottled(Api.postSigned(firstRefused));
        Response later = Api.postSigned(laterRefused);
        assertThrottled(later);
        assertRetryAfterIsTheRestOfTheMinute(later);
        for (Map<String, String> refused : List.of(firstRefused, laterRefused)) {
            assertReplay(Api.postSigned(refused));
        }

        List<Map<String, String>> failed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, String> signed = share(failing, "m-none0000000000", "Share", i % 2 == 0).signedFor("POST");
            ErrorAssertions.assertJsonError(Api.postSigned(signed), 404, "InvalidImageId.NotFound",
                    "The specified ImageId does not exist.");
            failed.add(signed);
        }
        assertThrottled(share(failing, "m-none0000000000", "Share", false).post());

        List<Map<String, String>> refusedChanges = new ArrayList<>();
        List<String> refusedImages = new ArrayList<>();
        for (TestAccount account : List.of(refusedPlain, refusedToken)) {
            boolean withToken = account == refusedToken;
            String imageId = Api.createImage(account, "cn-hangzhou", "refused");
            for (int i = 0; i < 10; i++) {
                share(account, imageId, i % 2 == 0 ? "Share" : "UnShare", withToken).post().then().statusCode(200);
            }
            Map<String, String> refused = share(account, imageId, "Share", withToken).signedFor("POST");
            assertThrottled(Api.postSigned(refused));
            assertThat(inShare(account, imageId)).isFalse();
            assertThat(shareChanges(account, imageId)).isEqualTo(10);
            assertThat(db.count("SELECT count(*) FROM idempotency_token WHERE account_id = ?", account.accountId()))
                    .isEqualTo(withToken ? 10 : 0);
            refusedChanges.add(refused);
            refusedImages.add(imageId);
        }

        DatabaseMinute.awaitNext(db);

        list(fresh).post().then().statusCode(200);
        for (Map<String, String> refused : List.of(firstRefused, laterRefused)) {
            assertReplay(Api.postSigned(refused));
        }
        list(replayed).post().then().statusCode(200);
        for (Map<String, String> signed : failed) {
            assertReplay(Api.postSigned(signed));
        }
        for (int i = 0; i < 2; i++) {
            TestAccount account = i == 0 ? refusedPlain : refusedToken;
            assertReplay(Api.postSigned(refusedChanges.get(i)));
            assertThat(inShare(account, refusedImages.get(i))).isFalse();
            assertThat(shareChanges(account, refusedImages.get(i))).isEqualTo(10);
        }
    }

    /** A per-action limit in the configuration is what the running service counts against. */
    @Test
    void aPerActionLimitIsHonouredByTheRunningService() {
        TestAccount regions = account("THRPERACTION");
        for (int i = 0; i < 3; i++) {
            Api.call(regions, "ListRegions").post().then().statusCode(200);
        }
        Response fourth = Api.call(regions, "ListRegions").post();
        assertThrottled(fourth);
        assertRetryAfterIsTheRestOfTheMinute(fourth);
        // The default still applies to the others.
        for (int i = 0; i < 10; i++) {
            list(regions).post().then().statusCode(200);
        }
        assertThrottled(list(regions).post());
    }

    /** enabled=false: the action is not counted at all, however many calls a minute brings. */
    @Test
    void anActionSwitchedOffIsNotThrottled() {
        TestAccount images = account("THROFF");
        for (int i = 0; i < 15; i++) {
            Api.call(images, "ListImages").param("RegionId", "cn-hangzhou").post().then().statusCode(200);
        }
        assertThat(db.count("SELECT count(*) FROM throttle_window WHERE account_id = ? AND action = 'ListImages'",
                images.accountId())).isZero();
    }

    /** Section 6: per user (account): two access keys of one account share one quota. */
    @Test
    void twoKeysOfOneAccountShareOneQuota() {
        TestAccount first = account("THRTWOKEYS");
        TestAccount second = secondKey(first);
        for (int i = 0; i < 10; i++) {
            list(i % 2 == 0 ? first : second).post().then().statusCode(200);
        }
        assertThrottled(list(second).post());
        assertThrottled(list(first).post());
    }

    /**
     * Nonces claimed outside the admission statement (an action switched off, and a window this replica knows
     * full): once per access key, so two keys of one account may each use a nonce, one key not twice.
     */
    @Test
    void uncountedClaimsAreStillPerAccessKey() {
        TestAccount first = account("THRNONCEKEY");
        TestAccount second = secondKey(first);
        String nonce = "uncounted-" + UUID.randomUUID();
        for (TestAccount key : List.of(first, second)) {
            Api.call(key, "ListImages").param("RegionId", "cn-hangzhou").param("SignatureNonce", nonce).post()
                    .then().statusCode(200);
        }
        assertReplay(Api.call(first, "ListImages").param("RegionId", "cn-hangzhou").param("SignatureNonce", nonce)
                .post());
        assertReplay(Api.call(second, "ListImages").param("RegionId", "cn-hangzhou").param("SignatureNonce", nonce)
                .post());

        for (int i = 0; i < 10; i++) {
            list(first).post().then().statusCode(200);
        }
        assertThrottled(list(first).post());
        String refusedNonce = "refused-" + UUID.randomUUID();
        assertThrottled(list(first).param("SignatureNonce", refusedNonce).post());
        assertThrottled(list(second).param("SignatureNonce", refusedNonce).post());
        assertReplay(list(second).param("SignatureNonce", refusedNonce).post());
    }
}
