package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import cloud.swas.support.V3Call;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
        call.post(call.authorization()).then().statusCode(200)
                .header("Content-Type", "application/json;charset=utf-8")
                .body("RequestId", org.hamcrest.Matchers.notNullValue());
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

    @Test
    void staleV3DateIsExpired() {
        V3Call call = share("m-any");
        call.headers.put("x-acs-date", java.time.Instant.now().minusSeconds(3600)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        call.post(call.authorization()).then().statusCode(400).body("Code", equalTo("InvalidTimeStamp.Expired"));
    }
}
