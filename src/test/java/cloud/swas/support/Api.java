package cloud.swas.support;

import static io.restassured.RestAssured.given;

import cloud.swas.auth.SignatureV1;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A signed RPC call for tests, built like an SDK builds one: common parameters, V1 signature, then
 * GET with a query string or POST with a form body. Tests override any part to provoke an error.
 */
public final class Api {

    private final TestAccount account;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private Instant timestamp = Instant.now();

    private Api(TestAccount account, String action) {
        this.account = account;
        parameters.put("Action", action);
        parameters.put("Version", "2020-06-01");
        parameters.put("Format", "JSON");
        parameters.put("AccessKeyId", account.accessKeyId());
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureVersion", "1.0");
        parameters.put("SignatureNonce", UUID.randomUUID().toString());
    }

    public static Api call(TestAccount account, String action) {
        return new Api(account, action);
    }

    /** A call of RAM ({@code Version=2015-05-01}, contract 11.2). */
    public static Api ram(TestAccount account, String action) {
        return new Api(account, action).param("Version", "2015-05-01");
    }

    public Api param(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    public Api without(String name) {
        parameters.remove(name);
        return this;
    }

    public Api xml() {
        return param("Format", "XML");
    }

    public Api timestamp(Instant at) {
        this.timestamp = at;
        return this;
    }

    /** The parameters as sent, Signature included, signed for {@code method}. */
    public Map<String, String> signedFor(String method) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.putIfAbsent("Timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
        all.put("Signature", SignatureV1.sign(SignatureV1.stringToSign(method, all), account.secret()));
        return all;
    }

    public Response get() {
        return given().queryParams(signedFor("GET")).get("/");
    }

    /** POST of already signed parameters, e.g. after a test tampered with them. */
    public static Response postSigned(Map<String, String> signed) {
        return given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(signed).post("/");
    }

    public Response post() {
        return given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(signedFor("POST")).post("/");
    }

    /** A call of the same action and parameters with another HTTP method: GET with a query string. */
    public Response send(String method) {
        return "GET".equals(method) ? get() : post();
    }

    /** Creates an image for the account and returns its ID. */
    public static String createImage(TestAccount account, String regionId, String name) {
        JsonPath body = call(account, "CreateCustomImage")
                .param("RegionId", regionId)
                .param("ImageName", name)
                .param("InstanceId", "i-test")
                .param("SystemSnapshotId", "s-test")
                .post()
                .then().statusCode(200)
                .extract().jsonPath();
        // Also under the wrapped JSON style of the seed's sample.
        String imageId = body.getString("ImageId");
        return imageId != null ? imageId : body.getString("CreateCustomImageResponse.ImageId");
    }
}
