package cloud.swas.idempotency;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.db.DatabaseFailures;
import cloud.swas.db.ExpiringRows;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * ClientToken idempotency (contract section 7): a mutating call runs once per (account, token), whatever
 * the retries and races. The pipeline holds one transaction for {@link #claim}, the change and
 * {@link #store}, so a change never exists without its token's outcome, nor a token without its change.
 *
 * <p>The claim is an {@code INSERT ... ON CONFLICT}: a duplicate on another replica blocks inside PostgreSQL
 * on the first call's uncommitted row and, when that commits, finds it and replays the outcome; if the first
 * rolled back (it failed), the duplicate's insert succeeds and it runs itself. That wait is bounded by the
 * wait bound. Duplicates on the same replica do not each wait in PostgreSQL, which would hold a pooled
 * connection apiece: {@link #oneAtATime} lets one call per token into the database, the others wait in memory.
 */
@ApplicationScoped
public class ClientTokens implements ExpiringRows {

    private static final int MAX_LENGTH = 64;

    /** The outcome of a claim: the call is the token's first (run it), or the replay of the first's outcome. */
    public record Claim(boolean first, String storedResponse) {
    }

    private record Token(long accountId, String clientToken) {
    }

    private final AgroalDataSource dataSource;
    private final IdempotencyConfig config;
    /** The call of this replica that is in the database with a token now; it completes when that call ends. */
    private final ConcurrentHashMap<Token, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    ClientTokens(AgroalDataSource dataSource, IdempotencyConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** The optional {@code ClientToken}: printable ASCII, at most 64 characters (case-sensitive). */
    public static String tokenOf(ApiParameters parameters) {
        String token = parameters.optional("ClientToken");
        if (token != null && (token.length() > MAX_LENGTH || !ApiParameters.printableAscii(token, true))) {
            throw ApiError.INVALID_PARAMETER.exception("ClientToken");
        }
        return token;
    }

    /** When a call with a token that arrives now stops waiting for a duplicate ({@link System#nanoTime()}). */
    public long deadline() {
        return System.nanoTime() + config.waitBound().toNanos();
    }

    /**
     * Runs {@code call} when no other call of this replica with the same token is in the database, waiting
     * for such a call at most until {@code deadline}; past it, {@code LastTokenProcessing}.
     */
    public <T> T oneAtATime(long accountId, String clientToken, long deadline, Supplier<T> call) {
        Token token = new Token(accountId, clientToken);
        while (true) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> running = inFlight.putIfAbsent(token, mine);
            if (running == null) {
                try {
                    return call.get();
                } finally {
                    inFlight.remove(token, mine);
                    mine.complete(null);
                }
            }
            awaitOther(running, deadline);
        }
    }

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

    /*
     * The claim waits for a duplicate's uncommitted row until the deadline: set_config(..., true) is SET LOCAL,
     * evaluated before the insert can wait (one round trip). The bound is for the claim only: the same
     * statement puts the connection's lock_timeout back once the insert has run, so the change that follows
     * waits for a busy row like any call. Target-list items are evaluated in order, after the scalar subquery
     * has run the insert.
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

    /**
     * Claims the token in the caller's transaction (a connection taken inside it is the transaction's). Throws
     * {@code IdempotentParameterMismatch} for a token first used with other parameters, and
     * {@code LastTokenProcessing} when its first call is still running at the deadline.
     */
    public Claim claim(CallContext context, String clientToken, String fingerprint, long deadline) {
        try (Connection connection = dataSource.getConnection()) {
            long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
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
                        return new Claim(true, null);
                    }
                }
            } catch (SQLException e) {
                if (DatabaseFailures.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw ApiError.LAST_TOKEN_PROCESSING.exception();
                }
                throw e;
            }
            return earlierClaim(connection, context, clientToken, fingerprint);
        } catch (SQLException e) {
            throw new IllegalStateException("ClientToken claim failed", e);
        }
    }

    private static Claim earlierClaim(Connection connection, CallContext context, String clientToken,
                                      String fingerprint) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT fingerprint, response FROM idempotency_token WHERE account_id = ? AND client_token = ?")) {
            s.setLong(1, context.accountId());
            s.setString(2, clientToken);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    // Purged between the two statements: rare; the client's retry will claim it afresh.
                    throw ApiError.LAST_TOKEN_PROCESSING.exception();
                }
                if (!r.getString(1).equals(fingerprint)) {
                    throw ApiError.IDEMPOTENT_MISMATCH.exception();
                }
                if (r.getString(2) == null) {
                    throw ApiError.LAST_TOKEN_PROCESSING.exception();
                }
                return new Claim(false, r.getString(2));
            }
        }
    }

    /** Keeps the first call's response (JSON) with its token, in the caller's transaction. */
    public void store(CallContext context, String clientToken, String response) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(
                "UPDATE idempotency_token SET response = ? WHERE account_id = ? AND client_token = ?")) {
            s.setString(1, response);
            s.setLong(2, context.accountId());
            s.setString(3, clientToken);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("ClientToken outcome not stored", e);
        }
    }

    @Override
    public String table() {
        return "idempotency_token";
    }

    @Override
    public String expiryColumn() {
        return "expires_at";
    }
}
