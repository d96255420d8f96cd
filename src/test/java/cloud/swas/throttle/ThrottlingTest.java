package cloud.swas.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.MutableClock;
import cloud.swas.support.TestAccount;
import com.aliyun.swas_open20200601.Client;
import com.aliyun.swas_open20200601.models.ModifyImageShareStatusRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's quota, 10 calls per minute per user and operation, over HTTP and through the SDK. */
@QuarkusTest
@TestProfile(ThrottlingTest.SeedLimits.class)
class ThrottlingTest {

    /** The seed's limit, and accounts of its own so that no other test's calls count here. */
    public static class SeedLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swas.throttle.default-per-minute", "10",
                    "swas.auth.access-keys", "2001:AKTHR2001:s2001,2002:AKTHR2002:s2002,2003:AKTHR2003:s2003,"
                            + "2004:AKTHR2004:s2004,2005:AKTHR2005:s2005,2006:AKTHR2006:s2006,"
                            + "2007:AKTHR2007:s2007,2008:AKTHR2008:s2008,2009:AKTHR2009:s2009,"
                            + "2010:AKTHR2010:s2010,2011:AKTHR2011:s2011,2012:AKTHR2012:s2012,"
                            + "2013:AKTHR2013:s2013,2014:AKTHR2014:s2014");
        }
    }

    private static final TestAccount FIRST = new TestAccount(2001, "AKTHR2001", "s2001");
    private static final TestAccount OTHER = new TestAccount(2002, "AKTHR2002", "s2002");
    private static final TestAccount FORMATS = new TestAccount(2003, "AKTHR2003", "s2003");
    private static final TestAccount FORGED = new TestAccount(2004, "AKTHR2004", "s2004");
    private static final TestAccount SDK = new TestAccount(2005, "AKTHR2005", "s2005");
    private static final TestAccount OPERATIONS = new TestAccount(2006, "AKTHR2006", "s2006");
    private static final TestAccount REPLAYED = new TestAccount(2007, "AKTHR2007", "s2007");
    private static final TestAccount CROWD = new TestAccount(2008, "AKTHR2008", "s2008");
    private static final TestAccount FAILING = new TestAccount(2009, "AKTHR2009", "s2009");
    private static final TestAccount REFUSED_PLAIN = new TestAccount(2010, "AKTHR2010", "s2010");
    private static final TestAccount REFUSED_TOKEN = new TestAccount(2011, "AKTHR2011", "s2011");
    private static final TestAccount REPLAY_PLAIN = new TestAccount(2012, "AKTHR2012", "s2012");
    private static final TestAccount REPLAY_TOKEN = new TestAccount(2013, "AKTHR2013", "s2013");
    private static final TestAccount INVALID = new TestAccount(2014, "AKTHR2014", "s2014");

    @Inject
    Db db;

    @TestHTTPResource("/")
    URL url;

    private MutableClock clock;

    @BeforeEach
    void standStillInTheMiddleOfAMinute() {
        // Fixed, within the signature window of real time: no test straddles a minute by accident.
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    private static Api share(TestAccount account, String imageId, String operation, boolean withToken) {
        Api call = Api.call(account, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", operation);
        return withToken ? call.param("ClientToken", UUID.randomUUID().toString()) : call;
    }

    private static Api list(TestAccount account) {
        return Api.call(account, "ListCustomImages").param("RegionId", "cn-hangzhou");
    }

    @Test
    void eleventhCallInAMinuteIsThrottledUntilTheNextMinute() {
        for (int i = 0; i < 10; i++) {
            list(FIRST).post().then().statusCode(200);
        }
        Response eleventh = list(FIRST).post();
        ErrorAssertions.assertJsonError(eleventh, 400, "Throttling.User", "Request was denied due to user flow control.");
        long retryAfter = Long.parseLong(eleventh.header("x-acs-retry-after"));
        assertThat(retryAfter).isBetween(29_000L, 30_000L);
        list(FIRST).post().then().statusCode(400);

        clock.advance(Duration.ofSeconds(31));
        list(FIRST).post().then().statusCode(200);
    }

    @Test
    void throttledInXmlToo() {
        for (int i = 0; i < 10; i++) {
            list(FORMATS).xml().post().then().statusCode(200);
        }
        ErrorAssertions.assertXmlError(list(FORMATS).xml().post(), 400, "Throttling.User",
                "Request was denied due to user flow control.");
    }

    @Test
    void otherAccountsAndOtherOperationsAreUnaffected() {
        for (int i = 0; i < 11; i++) {
            list(OPERATIONS).post();
        }
        list(OPERATIONS).post().then().statusCode(400);
        // Same account, another operation: its own quota.
        Api.call(OPERATIONS, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", "m-none0000000000").param("Operation", "Share").post()
                .then().statusCode(404);
        // Another account, same operation.
        list(OTHER).post().then().statusCode(200);
    }

    @Test
    void callsThatFailAuthenticationDoNotCount() {
        TestAccount wrongSecret = new TestAccount(FORGED.accountId(), FORGED.accessKeyId(), "not-the-secret");
        for (int i = 0; i < 15; i++) {
            list(wrongSecret).post().then().statusCode(400);
        }
        for (int i = 0; i < 10; i++) {
            list(FORGED).post().then().statusCode(200);
        }
        list(FORGED).post().then().statusCode(400);
    }

    @Test
    void theOfficialSdkSeesThrottlingUser() throws Exception {
        String imageId = Api.createImage(SDK, "cn-hangzhou", "sdk-throttled");
        Client client = new Client(new Config().setAccessKeyId(SDK.accessKeyId()).setAccessKeySecret(SDK.secret())
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
    }

    /**
     * The first refusal of a minute is decided by the database; later ones by this replica's memory of
     * the full window. Either way the refused request's nonce is used up: replaying it, even once the
     * quota is free again, is refused as a replay.
     */
    @Test
    void aRefusedCallStillUsesUpItsNonce() {
        for (int i = 0; i < 10; i++) {
            list(REPLAYED).post().then().statusCode(200);
        }
        Map<String, String> firstRefused = list(REPLAYED).signedFor("POST");
        Map<String, String> laterRefused = list(REPLAYED).signedFor("POST");
        ErrorAssertions.assertJsonError(Api.postSigned(firstRefused), 400, "Throttling.User",
                "Request was denied due to user flow control.");
        Response later = Api.postSigned(laterRefused);
        ErrorAssertions.assertJsonError(later, 400, "Throttling.User", "Request was denied due to user flow control.");
        assertThat(Long.parseLong(later.header("x-acs-retry-after"))).isBetween(29_000L, 30_000L);

        for (Map<String, String> refused : List.of(firstRefused, laterRefused)) {
            ErrorAssertions.assertJsonError(Api.postSigned(refused), 400, "SignatureNonceUsed",
                    "Specified signature nonce was used already.");
        }
        clock.advance(Duration.ofSeconds(31));
        for (Map<String, String> refused : List.of(firstRefused, laterRefused)) {
            Api.postSigned(refused).then().statusCode(400);
        }
        list(REPLAYED).post().then().statusCode(200);
    }

    /**
     * Refusals of a full window claim their nonces in groups: 12 different requests, each sent twice at
     * the same moment, give exactly one Throttling.User and one SignatureNonceUsed per request.
     */
    @Test
    void concurrentRefusalsClaimEveryNonceExactlyOnce() throws Exception {
        for (int i = 0; i < 11; i++) {
            list(CROWD).post();
        }
        list(CROWD).post().then().statusCode(400);
        List<Map<String, String>> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(list(CROWD).signedFor("POST"));
        }
        List<Response> answers = cloud.swas.support.Concurrently.run(24,
                i -> Api.postSigned(requests.get(i / 2)));
        for (int i = 0; i < 12; i++) {
            List<String> codes = java.util.List.of(answers.get(2 * i).jsonPath().getString("Code"),
                    answers.get(2 * i + 1).jsonPath().getString("Code"));
            assertThat(codes).containsExactlyInAnyOrder("Throttling.User", "SignatureNonceUsed");
        }
    }

    /*
     * A share change admits its call inside its own statement (without a ClientToken) or its own
     * transaction (with one). The tests below pin that this changes nothing a client can observe.
     */

    /** A call that fails (here: no such image) counts and uses up its nonce, whether or not it has a token. */
    @Test
    void failedShareChangesCountAndUseUpTheirNonces() {
        List<Map<String, String>> failed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, String> signed = share(FAILING, "m-none0000000000", "Share", i % 2 == 0).signedFor("POST");
            ErrorAssertions.assertJsonError(Api.postSigned(signed), 404, "InvalidImageId.NotFound",
                    "The specified ImageId does not exist.");
            failed.add(signed);
        }
        ErrorAssertions.assertJsonError(share(FAILING, "m-none0000000000", "Share", false).post(), 400,
                "Throttling.User", "Request was denied due to user flow control.");
        clock.advance(Duration.ofSeconds(31));
        for (Map<String, String> signed : failed) {
            ErrorAssertions.assertJsonError(Api.postSigned(signed), 400, "SignatureNonceUsed",
                    "Specified signature nonce was used already.");
        }
    }

    /** A call refused for its input counts too, and a replay of it is refused as a replay. */
    @Test
    void invalidShareChangesCountAndUseUpTheirNonces() {
        List<Map<String, String>> invalid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, String> signed = share(INVALID, "m-none0000000000", "Lend", i % 2 == 0).signedFor("POST");
            Api.postSigned(signed).then().statusCode(400).body("Code", org.hamcrest.Matchers.startsWith("Invalid"));
            invalid.add(signed);
        }
        ErrorAssertions.assertJsonError(share(INVALID, "m-none0000000000", "Share", false).post(), 400,
                "Throttling.User", "Request was denied due to user flow control.");
        ErrorAssertions.assertJsonError(Api.postSigned(invalid.get(3)), 400, "SignatureNonceUsed",
                "Specified signature nonce was used already.");
    }

    /**
     * The 11th share change of a minute is refused by the database (this replica has not seen the window
     * full yet): the image does not change, nothing is recorded, and the refused request's nonce is used.
     */
    @ParameterizedTest(name = "with ClientToken: {0}")
    @ValueSource(booleans = {false, true})
    void aRefusedShareChangeChangesNothingAndUsesUpItsNonce(boolean withToken) {
        TestAccount account = withToken ? REFUSED_TOKEN : REFUSED_PLAIN;
        String imageId = Api.createImage(account, "cn-hangzhou", "refused");
        String tokens = "SELECT count(*) FROM idempotency_token WHERE account_id = " + account.accountId();
        long tokensBefore = db.count(tokens);
        for (int i = 0; i < 10; i++) {
            share(account, imageId, i % 2 == 0 ? "Share" : "UnShare", withToken).post().then().statusCode(200);
        }
        Map<String, String> refused = share(account, imageId, "Share", withToken).signedFor("POST");
        ErrorAssertions.assertJsonError(Api.postSigned(refused), 400, "Throttling.User",
                "Request was denied due to user flow control.");
        assertThat(db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId)).isEqualTo(false);
        assertThat(db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId)).isEqualTo(10);
        assertThat(db.count(tokens) - tokensBefore).isEqualTo(withToken ? 10 : 0);

        clock.advance(Duration.ofSeconds(31));
        ErrorAssertions.assertJsonError(Api.postSigned(refused), 400, "SignatureNonceUsed",
                "Specified signature nonce was used already.");
        assertThat(db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId)).isEqualTo(false);
    }

    /** A replayed share change is refused, changes nothing and does not count against the quota. */
    @ParameterizedTest(name = "with ClientToken: {0}")
    @ValueSource(booleans = {false, true})
    void aReplayedShareChangeChangesNothingAndDoesNotCount(boolean withToken) {
        TestAccount account = withToken ? REPLAY_TOKEN : REPLAY_PLAIN;
        String imageId = Api.createImage(account, "cn-hangzhou", "replayed");
        Map<String, String> first = share(account, imageId, "Share", withToken).signedFor("POST");
        Api.postSigned(first).then().statusCode(200);
        share(account, imageId, "UnShare", withToken).post().then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            ErrorAssertions.assertJsonError(Api.postSigned(first), 400, "SignatureNonceUsed",
                    "Specified signature nonce was used already.");
        }
        assertThat(db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId)).isEqualTo(false);
        assertThat(db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                account.accountId(), imageId)).isEqualTo(2);
        // Two counted so far: eight more are admitted, the ninth is not.
        for (int i = 0; i < 8; i++) {
            share(account, imageId, i % 2 == 0 ? "Share" : "UnShare", withToken).post().then().statusCode(200);
        }
        share(account, imageId, "Share", withToken).post().then().statusCode(400);
    }
}
