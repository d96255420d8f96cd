package cloud.swas.db;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The core of the failover drill (scripts/drill-failover.py) in CI: the server ends every connection of the
 * service's pool (as a crashed or restarted primary does). Calls that meet a dead connection are answered
 * 503 ServiceUnavailable, never 500; the pool is flushed, and the next calls connect afresh and succeed.
 */
@QuarkusTest
class ConnectionLossTest {

    @Inject
    Db db;

    @Test
    void deadPooledConnectionsAreReplacedAndNeverAnInternalError() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "connection-loss-" + System.nanoTime());
        long ended = db.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
        assertThat(ended).as("pooled connections ended by the server").isPositive();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Response response = Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                    .param("ImageId", imageId).param("Operation", i % 2 == 0 ? "Share" : "UnShare").post();
            statuses.add(response.statusCode());
            if (response.statusCode() == 503) {
                assertThat(response.jsonPath().getString("Code")).isEqualTo("ServiceUnavailable");
                assertThat(response.header("x-acs-retry-after")).isNotBlank();
            }
        }
        assertThat(statuses).as("answers after the server ended the connections").containsOnly(200, 503);
        assertThat(statuses.subList(10, 20)).as("once the pool was flushed").containsOnly(200);
    }
}
