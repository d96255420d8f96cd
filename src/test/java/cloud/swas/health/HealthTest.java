package cloud.swas.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The probes the Kubernetes manifests use. DOWN while PostgreSQL is unreachable: scripts/readiness-check.sh. */
@QuarkusTest
class HealthTest {

    @Test
    void readinessChecksTheDatabaseAndItsMigrations() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Database migrations"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Database migrations' }.status", equalTo("UP"));
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void startedIsUp() {
        given().get("/q/health/started").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }
}
