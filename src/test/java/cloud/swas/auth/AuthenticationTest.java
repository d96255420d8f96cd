package cloud.swas.auth;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import cloud.swas.support.Api;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.Ram;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signature V1 over HTTP: each way a request can fail authentication gets its documented code and status. */
@QuarkusTest
class AuthenticationTest {

    private static final String NONCE_USED = "Specified signature nonce was used already.";

    /**
     * Two access keys of one account (contract section 2: a nonce is used once per access key): the account's own
     * and a key of one of its RAM users allowed everything in SWAS, made over HTTP, so that this class also runs
     * against the packaged application ({@link AuthenticationIT}, where nothing can be injected).
     */
    private static TestAccount[] twoKeysOfOneAccount(String label) {
        TestAccount user = Ram.userWithSystemPolicies(TestAccount.A, label.toLowerCase() + "-" + System.nanoTime(),
                "AliyunSWASFullAccess");
        return new TestAccount[] {TestAccount.A, user};
    }

    private static Api list(TestAccount account) {
        return Api.call(account, "ListCustomImages").param("RegionId", "cn-hangzhou");
    }

    @Test
    void validSignatureIsAcceptedByGetAndPost() {
        list(TestAccount.A).get().then().statusCode(200);
        list(TestAccount.A).post().then().statusCode(200);
    }

    @Test
    void secretContainingColonsIsProvisionedWhole() {
        list(TestAccount.C).post().then().statusCode(200);
    }

    @Test
    void tamperedParameterDoesNotMatch() {
        Map<String, String> signed = list(TestAccount.A).signedFor("POST");
        signed.put("RegionId", "cn-shanghai");

        Api.postSigned(signed).then().statusCode(400)
                .body("Code", equalTo("SignatureDoesNotMatch"))
                .body("Message", not(containsString(TestAccount.A.secret())));
    }

    @Test
    void signatureForAnotherMethodDoesNotMatch() {
        Map<String, String> signedForGet = list(TestAccount.A).signedFor("GET");
        Api.postSigned(signedForGet).then().statusCode(400).body("Code", equalTo("SignatureDoesNotMatch"));
    }

    @Test
    void staleAndFutureTimestampsAreExpired() {
        list(TestAccount.A).timestamp(Instant.now().minus(Duration.ofMinutes(16))).post()
                .then().statusCode(400).body("Code", equalTo("InvalidTimeStamp.Expired"));
        list(TestAccount.A).timestamp(Instant.now().plus(Duration.ofMinutes(16))).post()
                .then().statusCode(400).body("Code", equalTo("InvalidTimeStamp.Expired"));
        list(TestAccount.A).timestamp(Instant.now().minus(Duration.ofMinutes(14))).post()
                .then().statusCode(200);
    }

    @Test
    void malformedTimestampIsAFormatError() {
        list(TestAccount.A).param("Timestamp", "2024-01-01 00:00:00").post()
                .then().statusCode(400).body("Code", equalTo("InvalidTimeStamp.Format"));
    }

    @Test
    void reusedNonceIsRefused() {
        Api first = list(TestAccount.A).param("SignatureNonce", "nonce-" + System.nanoTime());
        Map<String, String> signed = first.signedFor("POST");
        Api.postSigned(signed).then().statusCode(200);

        Api.postSigned(signed).then().statusCode(400)
                .body("Code", equalTo("SignatureNonceUsed"))
                .body("Message", equalTo("Specified signature nonce was used already."));
    }

    @Test
    void nonceIsPerAccessKey() {
        String nonce = "shared-nonce-" + System.nanoTime();
        list(TestAccount.A).param("SignatureNonce", nonce).post().then().statusCode(200);
        list(TestAccount.B).param("SignatureNonce", nonce).post().then().statusCode(200);
    }

    /**
     * Once per access key, not per account: two keys of ONE account may each use a nonce once; the same key twice
     * may not. Counted actions claim the nonce inside the admission statement (the other path, for uncounted
     * actions, is in ThrottlingTest).
     */
    @Test
    void nonceIsPerAccessKeyNotPerAccount() {
        TestAccount[] keysOfOne = twoKeysOfOneAccount("NONCEKEY");
        String nonce = "key-nonce-" + System.nanoTime();
        list(keysOfOne[0]).param("SignatureNonce", nonce).post().then().statusCode(200);
        list(keysOfOne[1]).param("SignatureNonce", nonce).post().then().statusCode(200);
        ErrorAssertions.assertJsonError(list(keysOfOne[0]).param("SignatureNonce", nonce).post(), 400,
                "SignatureNonceUsed", NONCE_USED);
        ErrorAssertions.assertJsonError(list(keysOfOne[1]).param("SignatureNonce", nonce).post(), 400,
                "SignatureNonceUsed", NONCE_USED);
        // The share change's own statement claims it the same way.
        String imageId = Api.createImage(keysOfOne[0], "cn-hangzhou", "nonce-key-" + System.nanoTime());
        String shareNonce = "share-nonce-" + System.nanoTime();
        for (TestAccount key : keysOfOne) {
            Api.call(key, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou").param("ImageId", imageId)
                    .param("Operation", "Share").param("SignatureNonce", shareNonce).post().then().statusCode(200);
        }
        ErrorAssertions.assertJsonError(Api.call(keysOfOne[1], "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "UnShare").param("SignatureNonce", shareNonce).post(),
                400, "SignatureNonceUsed", NONCE_USED);
    }

    /** A nonce is the access key's, whatever the signature version: V1 then V3 with the same nonce is a replay. */
    @Test
    void aNonceUsedByV1CannotBeUsedByV3AndTheOtherWayRound() {
        String nonce = "crossversion" + System.nanoTime();
        list(TestAccount.A).param("SignatureNonce", nonce).post().then().statusCode(200);
        cloud.swas.support.V3Call v3 = cloud.swas.support.V3Call.call(TestAccount.A, "ListCustomImages")
                .param("RegionId", "cn-hangzhou");
        v3.headers.put("x-acs-signature-nonce", nonce);
        ErrorAssertions.assertJsonError(v3.post(v3.authorization()), 400, "SignatureNonceUsed", NONCE_USED);

        String other = "crossversion" + System.nanoTime() + "b";
        cloud.swas.support.V3Call first = cloud.swas.support.V3Call.call(TestAccount.A, "ListCustomImages")
                .param("RegionId", "cn-hangzhou");
        first.headers.put("x-acs-signature-nonce", other);
        first.post(first.authorization()).then().statusCode(200);
        ErrorAssertions.assertJsonError(list(TestAccount.A).param("SignatureNonce", other).post(), 400,
                "SignatureNonceUsed", NONCE_USED);
    }

    /** HostId is the host the client called (contract section 3), here as its Host header named it. */
    @Test
    void hostIdIsTheHostTheClientCalled() {
        Response refused = RestAssured.given().header("Host", "swas.cn-hangzhou.aliyuncs.com")
                .queryParams(list(TestAccount.A).param("SignatureMethod", "HMAC-MD5").signedFor("GET")).get("/");
        refused.then().statusCode(400).body("Code", equalTo("IncompleteSignature"))
                .body("HostId", equalTo("swas.cn-hangzhou.aliyuncs.com"));
    }

    /**
     * A parameter sent with an empty value is signed as {@code k=} (contract section 2) and, when required, is
     * missing (section 4: "absent or empty"); an optional one sent empty is as if absent.
     */
    @Test
    void emptyParameterValues() {
        ErrorAssertions.assertJsonError(list(TestAccount.A).param("RegionId", "").post(), 400, "MissingParameter",
                "The input parameter \"RegionId\" that is mandatory for processing this request is not supplied.");
        ErrorAssertions.assertJsonError(list(TestAccount.A).param("RegionId", "").get(), 400, "MissingParameter",
                "The input parameter \"RegionId\" that is mandatory for processing this request is not supplied.");
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                        .param("ImageId", "").param("Operation", "Share").post(), 400, "MissingParameter",
                "The input parameter \"ImageId\" that is mandatory for processing this request is not supplied.");
        ErrorAssertions.assertJsonError(list(TestAccount.A).param("SignatureNonce", "").post(), 400, "MissingParameter",
                "The input parameter \"SignatureNonce\" that is mandatory for processing this request is not supplied.");
        // Signed as k= and accepted: an optional filter sent empty.
        list(TestAccount.A).param("InstanceId", "").post().then().statusCode(200);
    }

    @Test
    void forgedRequestDoesNotBurnTheNonce() {
        String nonce = "victim-nonce-" + System.nanoTime();
        Map<String, String> forged = list(TestAccount.A).param("SignatureNonce", nonce).signedFor("POST");
        forged.put("Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        Api.postSigned(forged).then().statusCode(400).body("Code", equalTo("SignatureDoesNotMatch"));

        list(TestAccount.A).param("SignatureNonce", nonce).post().then().statusCode(200);
    }

    @Test
    void unknownAccessKeyIsNotFound() {
        Map<String, String> signed = list(TestAccount.A).param("AccessKeyId", "AKUNKNOWN").signedFor("POST");
        Response response = Api.postSigned(signed);
        response.then().statusCode(404)
                .body("Code", equalTo("InvalidAccessKeyId.NotFound"))
                .body("Message", equalTo("Specified access key is not found."));
    }

    @Test
    void wrongSecretDoesNotMatch() {
        TestAccount impostor = new TestAccount(TestAccount.A.accountId(), TestAccount.A.accessKeyId(), "guess");
        list(impostor).post().then().statusCode(400).body("Code", equalTo("SignatureDoesNotMatch"));
    }

    @Test
    void missingSignatureIsIncomplete() {
        Map<String, String> signed = list(TestAccount.A).signedFor("POST");
        signed.remove("Signature");
        Api.postSigned(signed).then().statusCode(400).body("Code", equalTo("IncompleteSignature"));
    }

    @Test
    void unsupportedSignatureMethodIsIncomplete() {
        list(TestAccount.A).param("SignatureMethod", "HMAC-MD5").post()
                .then().statusCode(400).body("Code", equalTo("IncompleteSignature"));
        list(TestAccount.A).param("SignatureMethod", "hmac-sha1").post().then().statusCode(200);
    }

    /**
     * A V1 request without its nonce or timestamp misses a mandatory parameter (the README's error table
     * says so; public documentation of the live API names no more specific code).
     */
    @Test
    void missingNonceOrTimestampIsAMissingParameter() {
        for (String name : java.util.List.of("SignatureNonce", "Timestamp")) {
            Map<String, String> signed = list(TestAccount.A).signedFor("POST");
            signed.remove(name);
            Api.postSigned(signed).then().statusCode(400)
                    .body("Code", equalTo("MissingParameter"))
                    .body("Message", equalTo("The input parameter \"" + name
                            + "\" that is mandatory for processing this request is not supplied."));
        }
    }
}
