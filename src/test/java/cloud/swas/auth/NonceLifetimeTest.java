package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.MutableClock;
import cloud.swas.support.TestAccount;
import cloud.swas.support.V3Call;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A nonce stays used for as long as its request could be accepted (contract section 2): until at least
 * the request's own timestamp plus the 15-minute window. A request stamped ahead of the server's clock is
 * accepted, and its exact bytes, sent again once the server's clock has passed its stamp (still within
 * the window), are a replay.
 */
@QuarkusTest
class NonceLifetimeTest {

    private static final Duration AHEAD = Duration.ofMinutes(14);
    /** Past "now + window", where a nonce dated from the server's clock would have expired. */
    private static final Duration LATER = Duration.ofMinutes(15).plusSeconds(1);

    @Inject
    Db db;

    private MutableClock clock;

    @BeforeEach
    void serverClock() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    private long shareChanges(String imageId) {
        return db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId);
    }

    @Test
    void signatureV1RequestStampedAheadCannotBeReplayedAfterTheServerPassesItsStamp() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "nonce-ahead-v1");
        Map<String, String> ahead = Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "Share").timestamp(clock.instant().plus(AHEAD))
                .signedFor("POST");
        Api.postSigned(ahead).then().statusCode(200);
        Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "UnShare").timestamp(clock.instant()).post()
                .then().statusCode(200);

        clock.advance(LATER);
        ErrorAssertions.assertJsonError(Api.postSigned(ahead), 400, "SignatureNonceUsed",
                "Specified signature nonce was used already.");
        assertThat(shareChanges(imageId)).isEqualTo(2);
    }

    @Test
    void signatureV3RequestStampedAheadCannotBeReplayedAfterTheServerPassesItsStamp() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "nonce-ahead-v3");
        V3Call ahead = V3Call.call(TestAccount.A, "ModifyImageShareStatus").date(clock.instant().plus(AHEAD))
                .param("RegionId", "cn-hangzhou").param("ImageId", imageId).param("Operation", "Share");
        String authorization = ahead.authorization();
        ahead.post(authorization).then().statusCode(200);
        Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "UnShare").timestamp(clock.instant()).post()
                .then().statusCode(200);

        clock.advance(LATER);
        Response replay = ahead.post(authorization);
        ErrorAssertions.assertJsonError(replay, 400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        assertThat(shareChanges(imageId)).isEqualTo(2);
    }

    /** The other side of the bound: a nonce is free again once its request can no longer be accepted anyway. */
    @Test
    void aRequestPastItsWindowIsRefusedForItsTimestamp() {
        Map<String, String> request = Api.call(TestAccount.A, "ListCustomImages").param("RegionId", "cn-hangzhou")
                .timestamp(clock.instant()).signedFor("POST");
        Api.postSigned(request).then().statusCode(200);
        clock.advance(Duration.ofMinutes(15).plusSeconds(2));
        ErrorAssertions.assertJsonError(Api.postSigned(request), 400, "InvalidTimeStamp.Expired",
                "Specified time stamp or date value is expired.");
    }
}
