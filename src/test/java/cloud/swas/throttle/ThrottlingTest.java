package cloud.swas.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.swas.support.Api;
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
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
                            + "2007:AKTHR2007:s2007,2008:AKTHR2008:s2008");
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

    @TestHTTPResource("/")
    URL url;

    private MutableClock clock;

    @BeforeEach
    void standStillInTheMiddleOfAMinute() {
        // Fixed, within the signature window of real time: no test straddles a minute by accident.
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30));
        QuarkusMock.installMockForType(clock, Clock.class);
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

        for (Map<String, String> refused : java.util.List.of(firstRefused, laterRefused)) {
            ErrorAssertions.assertJsonError(Api.postSigned(refused), 400, "SignatureNonceUsed",
                    "Specified signature nonce was used already.");
        }
        clock.advance(Duration.ofSeconds(31));
        for (Map<String, String> refused : java.util.List.of(firstRefused, laterRefused)) {
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
        java.util.List<Map<String, String>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(list(CROWD).signedFor("POST"));
        }
        java.util.List<Response> answers = cloud.swas.support.Concurrently.run(24,
                i -> Api.postSigned(requests.get(i / 2)));
        for (int i = 0; i < 12; i++) {
            java.util.List<String> codes = java.util.List.of(answers.get(2 * i).jsonPath().getString("Code"),
                    answers.get(2 * i + 1).jsonPath().getString("Code"));
            assertThat(codes).containsExactlyInAnyOrder("Throttling.User", "SignatureNonceUsed");
        }
    }
}
