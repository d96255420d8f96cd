package cloud.swas.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.LogCapture;
import cloud.swas.support.TestAccount;
import cloud.swas.support.V3Call;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * What the service logs while it handles signed requests (DEBUG for the service's own packages in
 * the test profile): never a secret, a signature or a signed query string, and every line written
 * for a request carries its RequestId.
 */
@QuarkusTest
class LogHygieneTest {

    @Test
    void signedRequestsLeaveNoSecretOrSignatureInTheLog() {
        String imageId = Api.createImage(TestAccount.C, "cn-hangzhou", "log-hygiene");
        // Every logger (the root's handlers); records written while the three requests are handled.
        try (LogCapture log = LogCapture.of("")) {
            Map<String, String> v1 = Api.call(TestAccount.C, "ModifyImageShareStatus")
                    .param("RegionId", "cn-hangzhou").param("ImageId", imageId).param("Operation", "Share")
                    .signedFor("POST");
            Response ok = Api.postSigned(v1);
            Map<String, String> forged = Api.call(TestAccount.C, "ModifyImageShareStatus")
                    .param("RegionId", "cn-hangzhou").param("ImageId", imageId).param("Operation", "UnShare")
                    .signedFor("POST");
            forged.put("Signature", "Zm9yZ2VkLXNpZ25hdHVyZS12YWx1ZQ==");
            Response refused = Api.postSigned(forged);
            V3Call v3 = V3Call.call(TestAccount.C, "ListCustomImages").param("RegionId", "cn-hangzhou");
            String authorization = v3.authorization();
            Response v3Response = v3.post(authorization);

            ok.then().statusCode(200);
            refused.then().statusCode(400);
            v3Response.then().statusCode(200);
            List<ExtLogRecord> records = log.records();
            List<String> lines = records.stream().map(LogHygieneTest::render).toList();
            assertThat(lines).as("log lines written for the three requests").isNotEmpty();
            String v3Signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
            for (String line : lines) {
                assertThat(line).doesNotContain(TestAccount.C.secret(), v1.get("Signature"), forged.get("Signature"),
                        v3Signature, "Signature=", "AccessKeySecret");
            }
            for (Response response : List.of(ok, refused, v3Response)) {
                String requestId = response.header("x-acs-request-id");
                assertThat(records.stream().filter(r -> requestId.equals(r.getMdc("requestId"))))
                        .as("log lines carrying RequestId " + requestId).isNotEmpty();
            }
            assertThat(records.stream().filter(r -> r.getLoggerName().startsWith("cloud.swas"))
                    .filter(r -> r.getThreadName() != null && r.getThreadName().startsWith("executor-thread")))
                    .as("every line the service writes while handling a request carries a RequestId")
                    .allSatisfy(r -> assertThat(r.getMdc("requestId")).isNotBlank());
        }
    }

    private static String render(ExtLogRecord record) {
        StringWriter text = new StringWriter().append(record.getLoggerName()).append(' ')
                .append(String.valueOf(record.getFormattedMessage())).append(' ')
                .append(String.valueOf(record.getMdcCopy()));
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
        }
        return text.toString();
    }
}
