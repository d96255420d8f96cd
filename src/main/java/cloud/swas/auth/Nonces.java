package cloud.swas.auth;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiException;
import cloud.swas.api.SqlPart;
import cloud.swas.db.DatabaseConfig;
import cloud.swas.db.ExpiringRows;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Signature nonces: a nonce may be used once per access key for as long as a request carrying it could be
 * accepted (contract section 2), cluster-wide, so the claims live in PostgreSQL, whose primary key makes a
 * second use fail on every replica at once. An expired row is claimed again in place; the purge only keeps
 * the table small.
 *
 * <p>A claim runs either as {@link #CLAIM}, a part of the call's admission statement, or on its own
 * ({@link #claimNow}), grouped with other such claims.
 */
@ApplicationScoped
public class Nonces implements ExpiringRows {

    /**
     * Defines {@code fresh_nonce}: one row when the nonce was unused or its use has expired (and is now used
     * until {@code :nonce_expires_at}); output column {@code nonce_fresh}.
     */
    public static final SqlPart CLAIM = new SqlPart("""
            fresh_nonce AS (
                INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at)
                VALUES (:nonce_account, :nonce_key, :nonce, :nonce_expires_at)
                ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
                WHERE signature_nonce.expires_at <= :nonce_now
                RETURNING 1)""", "EXISTS (SELECT 1 FROM fresh_nonce) AS nonce_fresh");

    private final Clock clock;
    private final Duration window;
    private final NonceClaims grouped;

    public Nonces(AgroalDataSource dataSource, AuthConfig config, DatabaseConfig database, Clock clock) {
        this.clock = clock;
        this.window = config.timestampWindow();
        // A claim never waits longer than a statement may run, plus the time to get a connection.
        this.grouped = new NonceClaims(dataSource, database.statementTimeout().plusSeconds(10));
    }

    /** The values of {@link #CLAIM}'s parameters for the caller's request. */
    public Map<String, Object> claimValues(Caller caller) {
        Instant now = clock.instant();
        return Map.of("nonce_account", caller.accountId(), "nonce_key", caller.accessKeyId(),
                "nonce", caller.nonce(), "nonce_expires_at", expiry(caller, now), "nonce_now", now);
    }

    /** Claims the nonce with a statement of its own (grouped with concurrent claims); throws if it is in use. */
    public void claimNow(Caller caller) {
        Instant now = clock.instant();
        if (!grouped.claim(caller, now, expiry(caller, now))) {
            throw used();
        }
    }

    /** The answer to a request whose nonce is in use. */
    public ApiException used() {
        return ApiError.NONCE_USED.exception();
    }

    /**
     * Until the request's own timestamp plus the window, and never less than the window from now: a request
     * stamped ahead of this clock cannot be replayed once the clock has passed its stamp. This replica's
     * clock judged the timestamp, so it also dates the expiry.
     */
    private Instant expiry(Caller caller, Instant now) {
        return (caller.signedAt().isAfter(now) ? caller.signedAt() : now).plus(window);
    }

    @Override
    public String table() {
        return "signature_nonce";
    }

    @Override
    public String expiryColumn() {
        return "expires_at";
    }

    /**
     * One window more than the expiry: it was dated by the replica that claimed the nonce, and a replica
     * whose clock runs behind the database's still relies on the row while its clock is within the window.
     */
    @Override
    public Duration grace() {
        return window;
    }
}
