package cloud.swas.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;

/** A documented error, completely: status, Content-Type, code, message, and the body's every field. */
public final class ErrorAssertions {

    private ErrorAssertions() {
    }

    /**
     * HostId is the host the client called (contract section 3): what RestAssured sends as Host, host and port
     * (the tests' calls go to RestAssured's base URI; V3Call signs the same value).
     */
    public static String calledHost() {
        return java.net.URI.create(RestAssured.baseURI).getHost() + ":" + RestAssured.port;
    }

    public static void assertJsonError(Response response, int status, String code, String message) {
        response.then().statusCode(status)
                .header("Content-Type", "application/json;charset=utf-8")
                .body("Code", equalTo(code))
                .body("Message", equalTo(message));
        JsonPath body = response.jsonPath();
        assertThat(body.getMap("$")).containsOnlyKeys("RequestId", "HostId", "Code", "Message", "Recommend");
        assertThat(body.getString("RequestId")).isEqualTo(response.header("x-acs-request-id"));
        assertThat(body.getString("HostId")).as("HostId").isEqualTo(calledHost());
    }

    public static void assertXmlError(Response response, int status, String code, String message) {
        response.then().statusCode(status).header("Content-Type", "application/xml;charset=utf-8");
        XmlPath body = new XmlPath(response.asString());
        assertThat(body.getString("Error.Code")).isEqualTo(code);
        assertThat(body.getString("Error.Message")).isEqualTo(message);
        assertThat(body.getString("Error.RequestId")).isEqualTo(response.header("x-acs-request-id"));
        assertThat(body.getString("Error.HostId")).as("HostId").isEqualTo(calledHost());
        assertThat(body.getString("Error.Recommend")).isNotBlank();
    }
}
