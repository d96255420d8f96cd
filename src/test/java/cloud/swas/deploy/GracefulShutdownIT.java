package cloud.swas.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Await;
import cloud.swas.support.KeepAliveClient;
import cloud.swas.support.PackagedService;
import cloud.swas.support.TestAccount;
import cloud.swas.support.TestDatabase;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core of the rolling-restart drill (scripts/drill-rolling-restart.py) on the packaged jar: on SIGTERM
 * readiness turns DOWN at once while the service still answers, a call in flight finishes with its answer,
 * and only then are new connections refused.
 */
class GracefulShutdownIT {

    private static final Logger LOG = Logger.getLogger(GracefulShutdownIT.class);

    private static TestDatabase database;

    @BeforeAll
    static void database() {
        database = TestDatabase.acquire();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void sigtermTurnsReadinessDownFinishesTheCallInFlightThenStops() throws Exception {
        TestAccount account = TestAccount.fresh("GRACEFUL");
        try (PackagedService service = PackagedService.start(database,
                new PackagedService.Options("graceful-shutdown-it").accounts(account), Duration.ofSeconds(60))) {
            RestAssured.port = service.port();
            String imageId = Api.createImage(account, "cn-hangzhou", "graceful-" + System.nanoTime());

            CompletableFuture<Response> inFlight;
            try (Connection db = database.connect()) {
                db.setAutoCommit(false);
                try (PreparedStatement lock = db.prepareStatement(
                        "SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE")) {
                    lock.setLong(1, account.accountId());
                    lock.setString(2, imageId);
                    lock.executeQuery().close();
                }
                inFlight = CompletableFuture.supplyAsync(() -> Api.call(account, "ModifyImageShareStatus")
                        .param("RegionId", "cn-hangzhou").param("ImageId", imageId).param("Operation", "Share").post());
                // The call is in flight once its statement waits for the row this transaction holds.
                Await.until("the call waits for the image's row lock", () -> waitingForLock(db), Duration.ofSeconds(20));

                service.terminate();
                Await.until("readiness DOWN after SIGTERM", () -> service.status("/q/health/ready") == 503,
                        Duration.ofSeconds(10));
                assertThat(service.status("/q/health/live")).as("still answering").isEqualTo(200);
                assertThat(inFlight).as("the call in flight waits for its row").isNotDone();
                db.commit();
            }
            assertThat(inFlight.get(20, TimeUnit.SECONDS).statusCode()).as("the call in flight finished").isEqualTo(200);
            assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).as("stopped after the call").isTrue();
            assertThat(service.status("/q/health/live")).as("no longer accepting connections").isEqualTo(-1);
        } finally {
            RestAssured.reset();
        }
    }

    /**
     * Clients that keep their connections, as an SDK's pool does over connections a Service already established,
     * sending straight to one replica (no balancer to stop sending when readiness turns DOWN), SIGTERM while the
     * calls flow: every request that was written gets a complete answer (a connection refused, nothing sent, is
     * fine), none is a 5xx, from readiness DOWN on every answer says {@code Connection: close}, and every call
     * answered 200 is in the database.
     */
    @Test
    void keepAliveClientsGetAnAnswerToEveryRequestTheySentAcrossSigterm() throws Exception {
        int clients = 8;
        TestAccount account = TestAccount.fresh("KEEPALIVE");
        try (PackagedService service = PackagedService.start(database,
                new PackagedService.Options("graceful-shutdown-keepalive-it").accounts(account)
                        // What is tested is shutdown, not the overload bound: a busy machine must not turn calls into 503.
                        .env("SWAS_OVERLOAD_MAX_WAIT", "10s"), Duration.ofSeconds(60))) {
            RestAssured.port = service.port();
            List<String> images = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                images.add(Api.createImage(account, "cn-hangzhou", "keepalive-" + i + "-" + System.nanoTime()));
            }
            AtomicLong sigtermAt = new AtomicLong(Long.MAX_VALUE);
            AtomicLong readinessDownAt = new AtomicLong(Long.MAX_VALUE);
            List<ClientLog> logs = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (String image : images) {
                    ClientLog log = new ClientLog();
                    logs.add(log);
                    running.add(pool.submit(() -> sendUntilRefused(service, account, image, log, sigtermAt, readinessDownAt)));
                }
                Await.until("calls flowing on every client", () -> logs.stream().allMatch(l -> l.answered.get() >= 5),
                        Duration.ofSeconds(60));
                sigtermAt.set(System.nanoTime());
                service.terminate();
                Await.until("readiness DOWN after SIGTERM", () -> service.status("/q/health/ready") == 503,
                        Duration.ofSeconds(10));
                readinessDownAt.set(System.nanoTime());
                for (Future<?> client : running) {
                    client.get(90, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();

            List<String> unanswered = logs.stream().flatMap(l -> l.unanswered.stream()).toList();
            List<Integer> serverErrors = logs.stream().flatMap(l -> l.statuses.stream()).filter(s -> s >= 500).toList();
            long written = logs.stream().mapToLong(l -> l.written.get()).sum();
            long reusedAfterSigterm = logs.stream().mapToLong(l -> l.reusedAfterSigterm.get()).sum();
            long writtenAfterSigterm = logs.stream().mapToLong(l -> l.writtenAfterSigterm.get()).sum();
            LOG.infof("Keep-alive clients across SIGTERM: %d requests written (%d after SIGTERM, %d of them over a kept "
                    + "connection), %d without an answer, %d 5xx", written, writtenAfterSigterm, reusedAfterSigterm,
                    unanswered.size(), serverErrors.size());
            assertThat(reusedAfterSigterm).as("calls sent over a kept connection after SIGTERM").isPositive();
            assertThat(unanswered).as("of " + written + " requests written, those without an answer").isEmpty();
            assertThat(serverErrors).as("5xx answers").isEmpty();
            assertThat(logs.stream().mapToLong(l -> l.keptAliveAfterDown.get()).sum())
                    .as("answers after readiness DOWN without Connection: close").isZero();
            Set<String> stored = new HashSet<>();
            try (Connection db = database.connect();
                 PreparedStatement s = db.prepareStatement(
                         "SELECT request_id FROM image_share_history WHERE account_id = ?")) {
                s.setLong(1, account.accountId());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        stored.add(r.getString(1));
                    }
                }
            }
            List<String> acknowledged = logs.stream().flatMap(l -> l.acknowledged.stream()).toList();
            assertThat(acknowledged).as("calls answered 200").hasSizeGreaterThan(clients * 5);
            assertThat(stored).as("changes in the database").containsAll(acknowledged);
        } finally {
            RestAssured.reset();
        }
    }

    /** What one client saw. */
    private static final class ClientLog {
        final AtomicLong written = new AtomicLong();
        final AtomicLong writtenAfterSigterm = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong reusedAfterSigterm = new AtomicLong();
        final AtomicLong keptAliveAfterDown = new AtomicLong();
        final List<Integer> statuses = new CopyOnWriteArrayList<>();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final List<String> unanswered = new CopyOnWriteArrayList<>();
    }

    /** Share, UnShare, Share... on one image until the replica refuses the connection (bounded in count). */
    private static void sendUntilRefused(PackagedService service, TestAccount account, String imageId, ClientLog log,
                                         AtomicLong sigtermAt, AtomicLong readinessDownAt) {
        try (KeepAliveClient client = new KeepAliveClient("127.0.0.1", service.port())) {
            for (int i = 0; i < 20_000; i++) {
                Map<String, String> form = Api.call(account, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                        .param("ImageId", imageId).param("Operation", i % 2 == 0 ? "Share" : "UnShare")
                        .signedFor("POST");
                long sentAt = System.nanoTime();
                KeepAliveClient.Outcome outcome = client.post(form);
                boolean afterSigterm = sentAt > sigtermAt.get();
                boolean afterDown = sentAt > readinessDownAt.get();
                if (outcome instanceof KeepAliveClient.Refused) {
                    return;
                }
                log.written.incrementAndGet();
                if (afterSigterm) {
                    log.writtenAfterSigterm.incrementAndGet();
                }
                if (outcome instanceof KeepAliveClient.Unanswered u) {
                    log.unanswered.add((u.reused() ? "on a kept connection: " : "on a new connection: ") + u.cause());
                    // The same operation again: the image's state must still alternate for the next calls.
                    i--;
                } else if (outcome instanceof KeepAliveClient.Answered a) {
                    log.answered.incrementAndGet();
                    log.statuses.add(a.status());
                    if (a.status() == 200) {
                        log.acknowledged.add(a.headers().get("x-acs-request-id"));
                    } else {
                        i--;
                    }
                    if (afterSigterm && a.reused()) {
                        log.reusedAfterSigterm.incrementAndGet();
                    }
                    if (afterDown && !a.closes()) {
                        log.keptAliveAfterDown.incrementAndGet();
                    }
                }
            }
        }
    }

    /** True while another session waits for a lock that this connection's transaction holds. */
    private static boolean waitingForLock(Connection db) {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
