package cloud.swas.idempotency;

import cloud.swas.api.ApiError;
import cloud.swas.api.CallContext;
import cloud.swas.api.Outcome;
import cloud.swas.api.ResponseRenderer;
import cloud.swas.housekeeping.ExpiredRowPurger;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a mutating call exactly once per (account, ClientToken), whatever the retries and races.
 *
 * <p>One transaction holds the claim, the change and the stored outcome. The claim is an
 * {@code INSERT ... ON CONFLICT}: a concurrent duplicate on another replica blocks inside PostgreSQL on the
 * first request's uncommitted row, and when that commits it finds the row and replays the outcome; if the
 * first one rolls back (it failed), the duplicate's insert succeeds and it runs itself. That wait is
 * bounded by the wait bound ({@code lock_timeout} for the claim alone), after which the duplicate gets
 * {@code LastTokenProcessing}.
 *
 * <p>Duplicates on the same replica do not each wait in PostgreSQL, which would hold a pooled connection
 * apiece: one call per token goes to the database at a time, the others wait for it in memory
 * ({@link #inFlight}), within the same bound.
 */
@ApplicationScoped
public class IdempotentExecutor {

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private record Token(long accountId, String clientToken) {
    }

    private final AgroalDataSource dataSource;
    private final IdempotencyConfig config;
    private final ResponseRenderer renderer;
    private final ExpiredRowPurger purger;
    /** The call of this replica that is in the database with a token now; it completes when that call ends. */
    private final ConcurrentHashMap<Token, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    IdempotentExecutor(AgroalDataSource dataSource, IdempotencyConfig config, ResponseRenderer renderer,
                       ExpiredRowPurger purger) {
        this.dataSource = dataSource;
        this.config = config;
        this.renderer = renderer;
        this.purger = purger;
    }

    /**
     * @param work the change; joins this method's transaction, and returns the success body
     */
    public Outcome execute(CallContext context, String clientToken, String fingerprint, Supplier<ObjectNode> work) {
        Token token = new Token(context.accountId(), clientToken);
        long deadline = System.nanoTime() + config.waitBound().toNanos();
        while (true) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> running = inFlight.putIfAbsent(token, mine);
            if (running == null) {
                try {
                    return executeClaimed(context, clientToken, fingerprint, work, deadline);
                } finally {
                    inFlight.remove(token, mine);
                    mine.complete(null);
                }
            }
            awaitOther(running, deadline);
        }
    }

    /** Waits for this replica's call with the same token to end, at most until {@code deadline}. */
    private static void awaitOther(CompletableFuture<Void> running, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw ApiError.LAST_TOKEN_PROCESSING.exception();
        }
        try {
            running.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw ApiError.LAST_TOKEN_PROCESSING.exception();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.LAST_TOKEN_PROCESSING.exception();
        } catch (ExecutionException e) {
            // never completed exceptionally
        }
    }

    private Outcome executeClaimed(CallContext context, String clientToken, String fingerprint,
                                   Supplier<ObjectNode> work, long deadline) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // The connection is the transaction's: Agroal hands the same enlisted connection to Hibernate.
            try (Connection connection = dataSource.getConnection()) {
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                Claim claim = claim(connection, context, clientToken, fingerprint, waitMillis);
                if (claim.ours()) {
                    ObjectNode body = work.get();
                    storeOutcome(connection, context, clientToken, body);
                    return new Outcome(body, false);
                }
                if (!claim.fingerprint().equals(fingerprint)) {
                    throw ApiError.IDEMPOTENT_MISMATCH.exception();
                }
                if (claim.response() == null) {
                    throw ApiError.LAST_TOKEN_PROCESSING.exception();
                }
                return new Outcome(renderer.parse(claim.response()), true);
            }
        });
    }

    private record Claim(boolean ours, String fingerprint, String response) {
    }

    /*
     * The claim waits for a duplicate's uncommitted row at most waitMillis: set_config(..., true) is SET LOCAL,
     * evaluated before the insert can wait (one round trip). The bound is for the claim only: the same
     * statement puts the connection's lock_timeout back once the insert has run, so the change that follows
     * waits for a busy image row like any call (up to swas.db.lock-timeout), instead of failing at the token's
     * bound. Target-list items are evaluated in order, after the scalar subquery has run the insert.
     */
    private static final String CLAIM = """
            WITH bound AS (SELECT current_setting('lock_timeout') AS previous, set_config('lock_timeout', ?, true)),
            claimed AS (
                INSERT INTO idempotency_token
                    (account_id, client_token, fingerprint, request_id, created_at, expires_at)
                SELECT ?, ?, ?, ?, ?, ? FROM bound
                ON CONFLICT (account_id, client_token) DO UPDATE
                    SET fingerprint = EXCLUDED.fingerprint, request_id = EXCLUDED.request_id, response = NULL,
                        created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                    WHERE idempotency_token.expires_at <= EXCLUDED.created_at
                RETURNING 1)
            SELECT (SELECT count(*) FROM claimed), set_config('lock_timeout', (SELECT previous FROM bound), true)""";

    private Claim claim(Connection connection, CallContext context, String clientToken, String fingerprint,
                        long waitMillis) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(CLAIM)) {
            s.setString(1, waitMillis + "ms");
            s.setLong(2, context.accountId());
            s.setString(3, clientToken);
            s.setString(4, fingerprint);
            s.setString(5, context.requestId());
            s.setTimestamp(6, Timestamp.from(context.receivedAt()));
            s.setTimestamp(7, Timestamp.from(context.receivedAt().plus(config.ttl())));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong(1) == 1) {
                    return new Claim(true, fingerprint, null);
                }
            }
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw ApiError.LAST_TOKEN_PROCESSING.exception();
            }
            throw e;
        }
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT fingerprint, response FROM idempotency_token WHERE account_id = ? AND client_token = ?")) {
            s.setLong(1, context.accountId());
            s.setString(2, clientToken);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    // Purged between the two statements: rare; the client's retry will claim it afresh.
                    throw ApiError.LAST_TOKEN_PROCESSING.exception();
                }
                return new Claim(false, r.getString(1), r.getString(2));
            }
        }
    }

    private void storeOutcome(Connection connection, CallContext context, String clientToken, ObjectNode body)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE idempotency_token SET response = ? WHERE account_id = ? AND client_token = ?")) {
            s.setString(1, renderer.toJson(body));
            s.setLong(2, context.accountId());
            s.setString(3, clientToken);
            s.executeUpdate();
        }
    }

    @Scheduled(every = "${swas.idempotency.purge-every:60s}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        purger.purge("idempotency_token", "expires_at", Duration.ZERO, config.purgeBatchSize());
    }
}
