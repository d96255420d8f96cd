package cloud.swas.api;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire shapes of contract section 3 against the seed's samples, and the seed's three error codes. */
@QuarkusTest
class ResponseShapeTest {

    /** The seed's XML sample, whitespace between elements removed. */
    private static final String SEED_XML = "<ModifyImageShareStatusResponse><RequestId>473469C7-AA6F-4DC5-B3DB-A3DC0DE3C****"
            + "</RequestId></ModifyImageShareStatusResponse>";

    private static Api share(String imageId) {
        return Api.call(TestAccount.A, "ModifyImageShareStatus")
                .param("RegionId", "cn-hangzhou").param("ImageId", imageId).param("Operation", "Share");
    }

    @Test
    void xmlSuccessBodyIsTheSeedSample() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "xml-shape");
        Response response = share(imageId).xml().post();

        response.then().statusCode(200).header("Content-Type", "application/xml;charset=utf-8");
        String requestId = response.header("x-acs-request-id");
        String body = response.asString();
        assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        String withoutDeclaration = body.substring(body.indexOf("?>") + 2);
        assertThat(withoutDeclaration.replace(requestId, "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C****")).isEqualTo(SEED_XML);
    }

    @Test
    void formatDefaultsToXml() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "xml-default");
        share(imageId).without("Format").get()
                .then().statusCode(200).header("Content-Type", "application/xml;charset=utf-8");
    }

    @Test
    void jsonSuccessBodyIsFlatWithoutCode() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "json-shape");
        Response response = share(imageId).param("Format", "json").post();

        response.then().statusCode(200).header("Content-Type", "application/json;charset=utf-8");
        Map<String, Object> body = response.jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("RequestId");
        assertThat(body.get("RequestId")).isEqualTo(response.header("x-acs-request-id"));
    }

    @Test
    void seedErrorCodesInJson() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "json-errors");
        ErrorAssertions.assertJsonError(share(imageId).param("Operation", "Publish").post(), 400, "InvalidParam.OperationIllegal",
                "The specified parameter operation is illegal.");
        ErrorAssertions.assertJsonError(share("m-missing0000000000").post(), 404, "InvalidImageId.NotFound",
                "The specified ImageId does not exist.");
    }

    @Test
    void seedErrorCodesInXml() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "xml-errors");
        ErrorAssertions.assertXmlError(share(imageId).xml().param("Operation", "Publish").post(), 400,
                "InvalidParam.OperationIllegal", "The specified parameter operation is illegal.");
        ErrorAssertions.assertXmlError(share("m-missing0000000000").xml().post(), 404, "InvalidImageId.NotFound",
                "The specified ImageId does not exist.");
    }

    @Test
    void unknownActionAndVersionAreCatalogErrors() {
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "DescribeNothing").post(), 404, "InvalidAction.NotFound",
                "Specified api is not found, please check your url and method.");
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "ModifyImageShareStatus").param("Version", "2019-01-01").post(), 400,
                "InvalidVersion", "Specified parameter Version is not valid.");
        // 2014-05-26 is ECS's version (contract section 10): a SWAS action is not one of its actions.
        ErrorAssertions.assertJsonError(Api.call(TestAccount.A, "ModifyImageShareStatus").param("Version", "2014-05-26").post(),
                404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }

    @Test
    void badFormatIsInvalidParameterInXml() {
        Response response = Api.call(TestAccount.A, "ListCustomImages").param("Format", "YAML").get();
        ErrorAssertions.assertXmlError(response, 400, "InvalidParameter", "The specified parameter \"Format\" is not valid.");
    }

    @Test
    void duplicateParameterIsInvalid() {
        Response response = io.restassured.RestAssured.given()
                .urlEncodingEnabled(false)
                .get("/?Action=ListCustomImages&Format=JSON&RegionId=cn-hangzhou&RegionId=cn-shanghai");
        ErrorAssertions.assertJsonError(response, 400, "InvalidParameter", "The specified parameter \"RegionId\" is not valid.");
    }

    @Test
    void unknownPathAndMethodAnswerWithACatalogError() {
        Response path = io.restassured.RestAssured.given().get("/v1/images?Format=JSON");
        ErrorAssertions.assertJsonError(path, 404, "InvalidAction.NotFound",
                "Specified api is not found, please check your url and method.");
        Response method = io.restassured.RestAssured.given().delete("/");
        ErrorAssertions.assertXmlError(method, 404, "InvalidAction.NotFound",
                "Specified api is not found, please check your url and method.");
    }
}
