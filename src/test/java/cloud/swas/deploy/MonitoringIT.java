package cloud.swas.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.TestAccount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules shipped in the generated manifest use only metrics the packaged service
 * really exports: every metric name in their PromQL is found in a scrape of {@code /q/metrics} after a few
 * calls, and each has the panels and alerts an on-call engineer needs.
 */
@QuarkusIntegrationTest
class MonitoringIT {

    private static final Pattern METRIC = Pattern.compile("\\b(?:swas|agroal|jvm|http_server|process)_[a-z0-9_]+");

    private static List<JsonNode> manifest() throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(Files.newBufferedReader(Path.of("target", "kubernetes", "kubernetes.yml")))) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static JsonNode only(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the manifest"));
    }

    private static Set<String> metrics(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExported() throws Exception {
        List<JsonNode> documents = manifest();
        JsonNode configMap = only(documents, "ConfigMap");
        assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        JsonNode dashboard = new ObjectMapper().readTree(configMap.at("/data/swas-image-share.json").asText());
        List<String> dashboardExpressions = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            titles.add(p.path("title").asText());
            p.path("targets").forEach(t -> dashboardExpressions.add(t.path("expr").asText()));
        });
        assertThat(titles).hasSize(6);
        List<String> ruleExpressions = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        only(documents, "PrometheusRule").at("/spec/groups/0/rules").forEach(r -> {
            alerts.add(r.path("alert").asText());
            ruleExpressions.add(r.path("expr").asText());
        });
        assertThat(alerts).containsExactlyInAnyOrder("SwasHigh5xxRate", "SwasP99OverBudget",
                "SwasConnectionPoolExhausted", "SwasReadinessFlapping");

        // Series appear once something was measured.
        Api.call(TestAccount.A, "ListCustomImages").param("RegionId", "cn-hangzhou").post().then().statusCode(200);
        String token = java.util.UUID.randomUUID().toString();
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "monitoring-" + token.substring(0, 8));
        for (int i = 0; i < 2; i++) {
            Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou").param("ImageId", imageId)
                    .param("Operation", "Share").param("ClientToken", token).post().then().statusCode(200);
        }
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> exported = new TreeSet<>();
        scrape.lines().filter(l -> !l.startsWith("#")).forEach(l -> exported.add(l.split("[{ ]", 2)[0]));

        Set<String> used = metrics(dashboardExpressions);
        used.addAll(metrics(ruleExpressions));
        assertThat(used).contains("swas_api_requests_total", "swas_api_request_seconds_bucket",
                "swas_api_idempotent_replays_total", "agroal_active_count", "agroal_awaiting_count",
                "jvm_memory_used_bytes", "swas_readiness");
        assertThat(exported).as("metrics exported by the service").containsAll(used);
    }
}
