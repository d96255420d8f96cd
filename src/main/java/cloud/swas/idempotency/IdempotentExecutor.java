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
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Runs a mutating call exactly once per (account, ClientToken), whatever the retries and races.
 *
 * <p>One transaction holds the claim, the change and the stored outcome. The claim is an
 * {@code INSERT ... ON CONFLICT}: a concurrent duplicate blocks inside PostgreSQL on the first
 * request's uncommitted row, and when that commits it finds the row and replays the outcome; if the
 * first one rolls back (it failed), the duplicate's insert succeeds and it runs itself. The wait is
 * bounded by {@code lock_timeout}, after which the duplicate gets {@code LastTokenProcessing}.
 */
@ApplicationScoped
public class IdempotentExecutor {

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final AgroalDataSource dataSource;
    private final IdempotencyConfig config;
    private final ResponseRenderer renderer;
    private final ExpiredRowPurger purger;
    private final Clock clock;

    IdempotentExecutor(AgroalDataSource dataSource, IdempotencyConfig config, ResponseRenderer renderer,
                       ExpiredRowPurger purger, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.renderer = renderer;
        this.purger = purger;
        this.clock = clock;
    }

    /**
     * @param work the change; joins this method's transaction, and returns the success body
     */
    public Outcome execute(CallContext context, String clientToken, String fingerprint, Supplier<ObjectNode> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // The connection is the transaction's: Agroal hands the same enlisted connection to Hibernate.
            try (Connection connection = dataSource.getConnection()) {
                Claim claim = claim(connection, context, clientToken, fingerprint);
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

    private Claim claim(Connection connection, CallContext context, String clientToken, String fingerprint)
            throws SQLException {
        // set_config(..., true) is SET LOCAL: the bound applies to this transaction only. It is evaluated
        // in the same statement as the insert, before the insert can wait on a duplicate (one round trip).
        try (PreparedStatement s = connection.prepareStatement("""
                WITH bound AS (SELECT set_config('lock_timeout', ?, true))
                INSERT INTO idempotency_token
                    (account_id, client_token, fingerprint, request_id, created_at, expires_at)
                SELECT ?, ?, ?, ?, ?, ? FROM bound
                ON CONFLICT (account_id, client_token) DO UPDATE
                    SET fingerprint = EXCLUDED.fingerprint, request_id = EXCLUDED.request_id, response = NULL,
                        created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                    WHERE idempotency_token.expires_at <= EXCLUDED.created_at""")) {
            s.setString(1, config.waitBound().toMillis() + "ms");
            s.setLong(2, context.accountId());
            s.setString(3, clientToken);
            s.setString(4, fingerprint);
            s.setString(5, context.requestId());
            s.setTimestamp(6, Timestamp.from(context.receivedAt()));
            s.setTimestamp(7, Timestamp.from(context.receivedAt().plus(config.ttl())));
            if (s.executeUpdate() == 1) {
                return new Claim(true, fingerprint, null);
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
        purger.purge("idempotency_token", "expires_at", clock.instant(), config.purgeBatchSize());
    }
}
