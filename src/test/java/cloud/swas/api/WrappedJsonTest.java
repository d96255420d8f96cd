package cloud.swas.api;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code swas.api.json-style=wrapped}, the JSON success body is the seed's sample. */
@QuarkusTest
@TestProfile(WrappedJsonTest.Wrapped.class)
class WrappedJsonTest {

    public static class Wrapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swas.api.json-style", "wrapped");
        }
    }

    @Test
    void jsonSuccessBodyIsTheSeedSample() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "wrapped-json");
        Response response = Api.call(TestAccount.A, "ModifyImageShareStatus")
                .param("RegionId", "cn-hangzhou").param("ImageId", imageId).param("Operation", "Share")
                .post();

        response.then().statusCode(200).header("Content-Type", "application/json;charset=utf-8");
        String requestId = response.header("x-acs-request-id");
        assertThat(response.asString().replace(requestId, "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C****"))
                .isEqualTo("{\"ModifyImageShareStatusResponse\":{\"RequestId\":\"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C****\"}}");
    }

    @Test
    void errorsStayFlat() {
        Response response = Api.call(TestAccount.A, "ModifyImageShareStatus")
                .param("RegionId", "cn-hangzhou").param("ImageId", "m-none000000000000").param("Operation", "Share")
                .post();
        ErrorAssertions.assertJsonError(response, 404, "InvalidImageId.NotFound",
                "The specified ImageId does not exist.");
    }
}
