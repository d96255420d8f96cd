package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import cloud.swas.support.V3Call;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signature V3 over HTTP: accepted when whole, refused with the documented code when any part is off. */
@QuarkusTest
class SignatureV3HttpTest {

    @Inject
    Db db;

    private static V3Call share(String imageId) {
        return V3Call.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "Share");
    }

    private boolean inShare(String imageId) {
        return (Boolean) db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId);
    }

    @Test
    void signedRequestIsAcceptedAndAnswersJson() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-share");
        V3Call call = share(imageId);
        io.restassured.response.Response response = call.post(call.authorization());
        response.then().statusCode(200).header("Content-Type", "application/json;charset=utf-8");
        String requestId = response.jsonPath().getString("RequestId");
        assertThat(requestId).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        assertThat(response.header("x-acs-request-id")).isEqualTo(requestId);
        assertThat(inShare(imageId)).isTrue();
    }

    /** A V3 retry with the same ClientToken (new nonce, new date) replays the first outcome, RequestId included. */
    @Test
    void v3RetryWithTheSameClientTokenReplaysTheFirstRequestId() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-token");
        String token = java.util.UUID.randomUUID().toString();
        V3Call first = share(imageId).param("ClientToken", token);
        io.restassured.response.Response original = first.post(first.authorization());
        original.then().statusCode(200);
        V3Call retry = share(imageId).param("ClientToken", token);
        io.restassured.response.Response replayed = retry.post(retry.authorization());
        replayed.then().statusCode(200).header("x-acs-idempotent-replayed", "true");
        String requestId = original.jsonPath().getString("RequestId");
        assertThat(replayed.jsonPath().getString("RequestId")).isEqualTo(requestId);
        assertThat(replayed.header("x-acs-request-id")).isEqualTo(requestId);
        assertThat(db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId)).isEqualTo(1);
    }

    /**
     * Section 2: the signed set must cover host and every x-acs-* header the server relies on. Leaving any one of
     * host, x-acs-date, the nonce or the body hash out of SignedHeaders is IncompleteSignature, and nothing runs.
     */
    @Test
    void leavingHostDateNonceOrBodyHashUnsignedIsIncomplete() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-unsigned");
        List<String> all = List.of("host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
                "x-acs-content-sha256");
        for (String unsigned : List.of("host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256")) {
            V3Call call = share(imageId);
            call.headers.put("x-acs-content-sha256", "");
            String names = String.join(";", all.stream().filter(n -> !n.equals(unsigned)).toList());
            ErrorAssertions.assertJsonError(call.post(call.authorization(names)), 400, "IncompleteSignature",
                    "The request signature does not conform to Aliyun standards. Header " + unsigned
                            + " must be signed.");
        }
        assertThat(inShare(imageId)).isFalse();
    }

    /** Section 2: within 15 minutes of server time either way; a V3 date 16 minutes ahead is expired too. */
    @Test
    void futureV3DatesBeyondTheWindowAreExpired() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-future");
        V3Call ahead = share(imageId).date(java.time.Instant.now().plus(java.time.Duration.ofMinutes(16)));
        ErrorAssertions.assertJsonError(ahead.post(ahead.authorization()), 400, "InvalidTimeStamp.Expired",
                "Specified time stamp or date value is expired.");
        assertThat(inShare(imageId)).isFalse();
        V3Call withinWindow = share(imageId).date(java.time.Instant.now().plus(java.time.Duration.ofMinutes(14)));
        withinWindow.post(withinWindow.authorization()).then().statusCode(200);
        assertThat(inShare(imageId)).isTrue();
    }

    @Test
    void signedFormBodyIsAccepted() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-body");
        V3Call call = V3Call.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou");
        call.body = "ImageId=" + imageId + "&Operation=Share";
        call.post(call.authorization()).then().statusCode(200);
        assertThat(inShare(imageId)).isTrue();
    }

    @Test
    void alteredBodyIsRefused() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-altered");
        V3Call call = V3Call.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou");
        call.body = "ImageId=" + imageId + "&Operation=UnShare";
        String authorization = call.authorization();
        call.body = "ImageId=" + imageId + "&Operation=Share";

        call.post(authorization).then().statusCode(400).body("Code", equalTo("SignatureDoesNotMatch"));
        assertThat(inShare(imageId)).isFalse();
    }

    @Test
    void unsignedActionHeaderIsRefused() {
        V3Call call = share("m-any");
        call.headers.put("x-acs-content-sha256", "");
        String authorization = call.authorization("host;x-acs-version;x-acs-date;x-acs-signature-nonce;x-acs-content-sha256");
        call.post(authorization).then().statusCode(400).body("Code", equalTo("IncompleteSignature"));
    }

    @Test
    void hostOtherThanTheSignedOneIsRefused() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-host");
        V3Call call = share(imageId);
        String authorization = call.authorization();
        call.headers.put("host", "evil.example.com:" + io.restassured.RestAssured.port);

        call.post(authorization).then().statusCode(400).body("Code", equalTo("SignatureDoesNotMatch"));
        assertThat(inShare(imageId)).isFalse();
    }

    @Test
    void actionParameterContradictingTheSignedHeaderIsRefused() {
        V3Call call = share("m-any").param("Action", "CreateCustomImage");
        call.post(call.authorization()).then().statusCode(400).body("Code", equalTo("InvalidParameter"));
    }

    @Test
    void reusedV3NonceIsRefusedLikeV1() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-nonce");
        V3Call call = share(imageId);
        String authorization = call.authorization();
        call.post(authorization).then().statusCode(200);
        call.post(authorization).then().statusCode(400).body("Code", equalTo("SignatureNonceUsed"));
    }

    /**
     * Issue 29, 5: an empty nonce was accepted once and then refused as used for 15 minutes. As V1 answers an empty
     * SignatureNonce: MissingParameter, every time, and nothing runs.
     */
    @Test
    void emptyV3NonceIsMissingParameterEveryTime() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-empty-nonce");
        for (String nonce : new String[] {"", "", "   "}) {
            V3Call call = share(imageId);
            call.headers.put("x-acs-signature-nonce", nonce);
            ErrorAssertions.assertJsonError(call.post(call.authorization()), 400, "MissingParameter",
                    "The input parameter \"x-acs-signature-nonce\" that is mandatory for processing this request is "
                            + "not supplied.");
        }
        assertThat(inShare(imageId)).isFalse();
    }

    @Test
    void everyRequiredSignedHeaderNeedsAValue() {
        for (String header : new String[] {"x-acs-date", "x-acs-action", "x-acs-version"}) {
            V3Call call = share("m-any");
            call.headers.put(header, "");
            ErrorAssertions.assertJsonError(call.post(call.authorization()), 400, "MissingParameter",
                    "The input parameter \"" + header + "\" that is mandatory for processing this request is "
                            + "not supplied.");
        }
    }

    /**
     * The body's hash fixes its bytes, Content-Type decides whether they are read as parameters: a body read as
     * parameters needs a signed content-type, as every official V3 signer sends it.
     */
    @Test
    void formBodyWithoutSignedContentTypeIsRefused() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "v3-unsigned-type");
        V3Call call = V3Call.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou");
        call.body = "ImageId=" + imageId + "&Operation=Share";
        call.headers.put("content-type", "application/x-www-form-urlencoded");
        String authorization = call.authorization(
                "host;x-acs-action;x-acs-version;x-acs-date;x-acs-signature-nonce;x-acs-content-sha256");

        call.post(authorization).then().statusCode(400).body("Code", equalTo("IncompleteSignature"))
                .body("Message", equalTo("The request signature does not conform to Aliyun standards. Header "
                        + "content-type must be signed when the body carries parameters."));
        assertThat(inShare(imageId)).isFalse();
    }

    @Test
    void staleV3DateIsExpired() {
        V3Call call = share("m-any");
        call.headers.put("x-acs-date", java.time.Instant.now().minusSeconds(3600)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        call.post(call.authorization()).then().statusCode(400).body("Code", equalTo("InvalidTimeStamp.Expired"));
    }
}
