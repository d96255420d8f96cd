package cloud.swas.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Await;
import cloud.swas.support.LogCapture;
import cloud.swas.support.TestAccount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The spans of a call, from the in-memory exporter of the tests (support/InMemorySpans): the caller's W3C
 * traceparent is continued, the call is one span with its action, result code and account, its SQL statements
 * are child spans, its log lines (as the JSON console format writes them) carry the trace ID, and no span holds a
 * secret or a signature.
 */
@QuarkusTest
class TracingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aCallContinuesTheCallersTraceWithItsSqlAndItsLogLines() throws Exception {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "traced-" + System.nanoTime());
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        Map<String, String> signed = Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "Share")
                // With a ClientToken the change runs in a transaction (QuarkusTransaction), after the admission's
                // own autocommit statement: both kinds of statement are traced.
                .param("ClientToken", UUID.randomUUID().toString()).signedFor("POST");
        Response response;
        List<ExtLogRecord> records;
        try (LogCapture log = LogCapture.of("cloud.swas.rpc")) {
            response = given().header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                    .contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(signed).post("/");
            records = log.records();
        }
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);

        SpanData call = awaitCallSpan(traceId);
        assertThat(call.getParentSpanId()).as("the caller's span is the parent").isEqualTo(callerSpanId);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("swas.action"))).isEqualTo("ModifyImageShareStatus");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("swas.code"))).isEqualTo("Success");
        assertThat(call.getAttributes().get(AttributeKey.longKey("swas.account_id"))).isEqualTo(TestAccount.A.accountId());

        Await.until("the call's SQL spans exported", () -> sqlChildren(call).size() >= 3, Duration.ofSeconds(30));
        assertThat(sqlChildren(call)).as("SQL spans under the call's span")
                .anySatisfy(sql -> assertThat(sqlText(sql)).contains("signature_nonce"))
                .anySatisfy(sql -> assertThat(sqlText(sql)).contains("idempotency_token"))
                .anySatisfy(sql -> assertThat(sqlText(sql)).contains("custom_image"));
        assertNoSecretIn(trace(traceId), signed);

        String requestId = response.header("x-acs-request-id");
        List<ExtLogRecord> callLines = records.stream().filter(r -> requestId.equals(r.getMdc("requestId"))).toList();
        assertThat(callLines).as("log lines of the call").isNotEmpty();
        JsonFormatter jsonConsole = new JsonFormatter();
        for (ExtLogRecord record : callLines) {
            JsonNode line = JSON.readTree(jsonConsole.format(record));
            assertThat(line.path("mdc").path("traceId").asText()).as(line.toString()).isEqualTo(traceId);
            assertThat(line.path("mdc").path("spanId").asText()).as(line.toString()).isEqualTo(call.getSpanId());
        }
    }

    @Test
    void aGetCallsSignatureAndKeyStayOutOfItsSpans() {
        String traceId = randomHex(16);
        Map<String, String> signed = Api.call(TestAccount.A, "ListCustomImages").param("RegionId", "cn-hangzhou")
                .signedFor("GET");
        Response response = given().header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .queryParams(signed).get("/");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);

        SpanData call = awaitCallSpan(traceId);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("swas.action"))).isEqualTo("ListCustomImages");
        assertNoSecretIn(trace(traceId), signed);
    }

    private SpanData awaitCallSpan(String traceId) {
        Await.until("the call's span exported", () -> trace(traceId).stream().anyMatch(s -> s.getKind() == SpanKind.SERVER),
                Duration.ofSeconds(30));
        List<SpanData> server = trace(traceId).stream().filter(s -> s.getKind() == SpanKind.SERVER).toList();
        assertThat(server).as("one span per call").hasSize(1);
        return server.get(0);
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private List<SpanData> sqlChildren(SpanData call) {
        return trace(call.getTraceId()).stream()
                .filter(s -> s.getParentSpanId().equals(call.getSpanId()) && s.getKind() == SpanKind.CLIENT)
                .filter(s -> !sqlText(s).isEmpty()).toList();
    }

    /** The statement, under the attribute name of either semantic-conventions version. */
    private static String sqlText(SpanData span) {
        String text = span.getAttributes().get(AttributeKey.stringKey("db.query.text"));
        if (text == null) {
            text = span.getAttributes().get(AttributeKey.stringKey("db.statement"));
        }
        return text == null ? "" : text;
    }

    private static void assertNoSecretIn(List<SpanData> trace, Map<String, String> signed) {
        List<String> values = trace.stream().flatMap(s -> s.getAttributes().asMap().values().stream())
                .map(String::valueOf).toList();
        assertThat(values).as("span attribute values").isNotEmpty().noneSatisfy(v -> assertThat(v)
                .containsAnyOf(signed.get("Signature"), TestAccount.A.secret(), TestAccount.A.accessKeyId(),
                        signed.get("SignatureNonce")));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros, which W3C Trace Context rejects
        return HexFormat.of().formatHex(random);
    }
}
