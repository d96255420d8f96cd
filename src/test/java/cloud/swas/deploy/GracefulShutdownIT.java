package cloud.swas.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.PostgresTestResource;
import cloud.swas.support.TestAccount;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.File;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core of the rolling-restart drill (scripts/drill-rolling-restart.py) on the packaged jar: on SIGTERM
 * readiness turns DOWN at once while the service still answers, a call in flight finishes with its answer,
 * and only then are new connections refused.
 */
class GracefulShutdownIT {

    private static final PostgresTestResource DATABASE = new PostgresTestResource();
    private static Map<String, String> database;

    @BeforeAll
    static void database() {
        database = new HashMap<>(DATABASE.start());
        database.putIfAbsent("quarkus.datasource.jdbc.url", System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
        database.putIfAbsent("quarkus.datasource.username", System.getenv("QUARKUS_DATASOURCE_USERNAME"));
        database.putIfAbsent("quarkus.datasource.password", System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.stop();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int status(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            return c.getResponseCode();
        } catch (ConnectException e) {
            return -1;
        } catch (Exception e) {
            return -2;
        }
    }

    @Test
    void sigtermTurnsReadinessDownFinishesTheCallInFlightThenStops() throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(new File("target/graceful-shutdown-it.log"));
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", database.get("quarkus.datasource.jdbc.url"));
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", database.get("quarkus.datasource.username"));
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", database.get("quarkus.datasource.password"));
        TestAccount account = TestAccount.fresh("GRACEFUL");
        builder.environment().put("SWAS_ACCESS_KEYS", account.accountId() + ":" + account.accessKeyId() + ":"
                + account.secret());
        // The prod profile's quota of 10 a minute is not what this test is about.
        builder.environment().put("SWAS_THROTTLE_DEFAULT_PER_MINUTE", "1000000");
        builder.environment().put("SWAS_AUTH_ENCRYPTION_KEY", "dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=");
        Process service = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (status(port, "/q/health/ready") != 200) {
                assertThat(System.nanoTime()).as("ready within 60 s").isLessThan(deadline);
                Thread.sleep(200);
            }
            RestAssured.port = port;
            String imageId = Api.createImage(account, "cn-hangzhou", "graceful-" + System.nanoTime());

            CompletableFuture<Response> inFlight;
            try (Connection db = DriverManager.getConnection(database.get("quarkus.datasource.jdbc.url"),
                    database.get("quarkus.datasource.username"), database.get("quarkus.datasource.password"))) {
                db.setAutoCommit(false);
                try (PreparedStatement lock = db.prepareStatement(
                        "SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE")) {
                    lock.setLong(1, account.accountId());
                    lock.setString(2, imageId);
                    lock.executeQuery().close();
                }
                inFlight = CompletableFuture.supplyAsync(() -> Api.call(account, "ModifyImageShareStatus")
                        .param("RegionId", "cn-hangzhou").param("ImageId", imageId).param("Operation", "Share").post());
                Thread.sleep(500);
                service.toHandle().destroy(); // SIGTERM
                Thread.sleep(300);
                assertThat(status(port, "/q/health/ready")).as("readiness right after SIGTERM").isEqualTo(503);
                assertThat(status(port, "/q/health/live")).as("still answering").isEqualTo(200);
                assertThat(inFlight).as("the call in flight waits for its row").isNotDone();
                db.commit();
            }
            assertThat(inFlight.get(20, TimeUnit.SECONDS).statusCode()).as("the call in flight finished").isEqualTo(200);
            assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("stopped after the call").isTrue();
            assertThat(status(port, "/q/health/live")).as("no longer accepting connections").isEqualTo(-1);
        } finally {
            service.destroyForcibly();
            RestAssured.reset();
        }
    }
}
