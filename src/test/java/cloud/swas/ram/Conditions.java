package cloud.swas.ram;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.TestAccount;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;

/** Policies with one condition and calls of ListCustomImages, for the condition tests through the API. */
final class Conditions {

    static final String REGION = "cn-hangzhou";

    private Conditions() {
    }

    /** Allows (or denies) every ListCustomImages call that meets {@code operator: {key: value}}. */
    static String listing(String effect, String operator, String key, String value) {
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":\"swas-open:ListCustomImages\","
                + "\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"" + key + "\":\"" + value + "\"}}}]}";
    }

    /** A ListCustomImages call signed by {@code caller}, sent with the given HTTP headers. */
    static Response list(TestAccount caller, Map<String, String> headers) {
        Map<String, String> signed = Api.call(caller, "ListCustomImages").param("RegionId", REGION).signedFor("POST");
        return given().headers(headers).contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(signed)
                .post("/");
    }

    static Response list(TestAccount caller) {
        return list(caller, Map.of());
    }

    static void assertAllowed(Response response) {
        response.then().statusCode(200);
    }

    static void assertDenied(Response response, String userName, String noPermissionType) {
        JsonPath body = response.then().statusCode(403).extract().jsonPath();
        assertThat(body.getString("Code")).isEqualTo("Forbidden.RAM");
        assertThat(body.getMap("AccessDeniedDetail")).containsEntry("AuthAction", "swas-open:ListCustomImages")
                .containsEntry("AuthPrincipalDisplayName", userName)
                .containsEntry("NoPermissionType", noPermissionType);
    }
}
