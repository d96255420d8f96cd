package cloud.swas.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cloud.swas.support.Api;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint: calls by Action and Code, latency histograms, replays, the connection pool. */
@QuarkusTest
class MetricsTest {

    private static final String MODIFY = "ModifyImageShareStatus";

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The value of one series, 0 when it does not exist yet. Labels in Prometheus' (alphabetical) order. With tracing
     * on (as in tests), a counter's line may end in an exemplar ({@code # {span_id=...,trace_id=...} 1.0 ...}).
     */
    private static double value(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)( # \\{.*)?$",
                        Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Calls made with an account's own key: principal="account" (a RAM user's are "user", never its name). */
    private static double requests(String metrics, String action, String code) {
        return requests(metrics, action, code, "account");
    }

    /** {@code principal}: the kind of caller, "none" for a call refused before its caller was authenticated. */
    private static double requests(String metrics, String action, String code, String principal) {
        return value(metrics, "swas_api_requests_total",
                "action=\"" + action + "\",code=\"" + code + "\",principal=\"" + principal + "\"");
    }

    private static Api share(String imageId) {
        return Api.call(TestAccount.A, MODIFY).param("RegionId", "cn-hangzhou").param("ImageId", imageId)
                .param("Operation", "Share");
    }

    @Test
    void modifyImageShareStatusIsCountedByCode() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "metrics-image");
        String before = scrape();

        share(imageId).post().then().statusCode(200);
        share("m-nosuchimage0000000000").post().then().statusCode(404).body("Code", equalTo("InvalidImageId.NotFound"));

        String after = scrape();
        assertThat(requests(after, MODIFY, "Success") - requests(before, MODIFY, "Success")).isEqualTo(1.0);
        assertThat(requests(after, MODIFY, "InvalidImageId.NotFound")
                - requests(before, MODIFY, "InvalidImageId.NotFound")).isEqualTo(1.0);
        // Latency as a histogram (buckets for percentiles), per action.
        assertThat(after).containsPattern("(?m)^swas_api_request_seconds_bucket\\{action=\"" + MODIFY + "\",le=\"[^\"]+\"\\} ");
        assertThat(value(after, "swas_api_request_seconds_count", "action=\"" + MODIFY + "\""))
                .isGreaterThanOrEqualTo(2.0);
        // Connection pool usage (quarkus.datasource.metrics.enabled).
        assertThat(after).containsPattern("(?m)^agroal_active_count\\{datasource=\"default\"\\} ");
        assertThat(after).containsPattern("(?m)^agroal_available_count\\{datasource=\"default\"\\} ");
    }

    @Test
    void idempotentReplaysAreCounted() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "metrics-replay");
        String token = UUID.randomUUID().toString();
        double before = value(scrape(), "swas_api_idempotent_replays_total", "action=\"" + MODIFY + "\"");

        share(imageId).param("ClientToken", token).post().then().statusCode(200);
        share(imageId).param("ClientToken", token).post().then().statusCode(200)
                .header("x-acs-idempotent-replayed", "true");

        double after = value(scrape(), "swas_api_idempotent_replays_total", "action=\"" + MODIFY + "\"");
        assertThat(after - before).isEqualTo(1.0);
    }

    @Test
    void signatureFailuresAndUnknownActionsAreTaggedWithClosedValues() {
        String before = scrape();
        Map<String, String> signed = Api.call(TestAccount.A, "ListCustomImages").param("RegionId", "cn-hangzhou")
                .signedFor("POST");
        signed.put("RegionId", "cn-shanghai");
        Api.postSigned(signed).then().statusCode(400).body("Code", equalTo("SignatureDoesNotMatch"));
        Api.call(TestAccount.A, "NoSuchActionForMetrics").post().then().statusCode(404);

        String after = scrape();
        assertThat(requests(after, "ListCustomImages", "SignatureDoesNotMatch", "none")
                - requests(before, "ListCustomImages", "SignatureDoesNotMatch", "none")).isEqualTo(1.0);
        assertThat(requests(after, "unknown", "InvalidAction.NotFound", "none")
                - requests(before, "unknown", "InvalidAction.NotFound", "none")).isEqualTo(1.0);
        // A caller's made-up Action never becomes a tag value.
        assertThat(after).doesNotContain("NoSuchActionForMetrics");
    }
}
