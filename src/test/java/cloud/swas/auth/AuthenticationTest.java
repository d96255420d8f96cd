package cloud.swas.auth;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import cloud.swas.support.Api;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signature V1 over HTTP: each way a request can fail authentication gets its documented code and status. */
@QuarkusTest
class AuthenticationTest {

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
