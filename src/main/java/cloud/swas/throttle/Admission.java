package cloud.swas.throttle;

import cloud.swas.api.ApiError;
import cloud.swas.auth.Caller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;

/**
 * Admits one authenticated call: claims its signature nonce (cluster-wide, once per access key within
 * the timestamp window) and counts it against its account's quota for the current calendar minute.
 *
 * <p>Both live in PostgreSQL so that every replica sees the same state, and both are decided by ONE
 * statement: the quota upsert only runs when the nonce insert succeeded, so a replayed request is not
 * counted, and the counting upsert ({@code ... WHERE calls < limit}) both counts and decides, so two
 * replicas can never both admit the 11th call. One statement in autocommit is one round trip per call.
 *
 * <p>Rejections are made cheap: once this replica has seen an account's window full, it stops asking
 * for the rest of that minute (the count can only grow until the minute ends) and only claims the
 * nonce, in a group with other such claims ({@link NonceClaims}). The nonce of a rejected call is still
 * claimed, so that a captured request that was refused cannot be replayed later, when quota is free.
 */
public class Admission {

    static final String RETRY_AFTER_HEADER = "x-acs-retry-after";
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private static final String CLAIM_AND_COUNT = """
            WITH nonce AS (
                INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
                WHERE signature_nonce.expires_at <= ?
                RETURNING 1),
            counted AS (
                INSERT INTO throttle_window (account_id, action, window_start, calls)
                SELECT ?, ?, ?, 1 FROM nonce
                ON CONFLICT (account_id, action, window_start)
                DO UPDATE SET calls = throttle_window.calls + 1 WHERE throttle_window.calls < ?
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM nonce), EXISTS (SELECT 1 FROM counted)""";

    private record Quota(long accountId, String action) {
    }

    private final DataSource dataSource;
    private final ToIntFunction<String> limitOf;
    private final Duration nonceLifetime;
    private final Clock clock;
    private final NonceClaims nonces;
    /** Windows this replica has seen full, by account and action: the value is the window's start. */
    private final Map<Quota, Instant> fullWindows = new ConcurrentHashMap<>();

    /**
     * @param limitOf       the per-minute limit of an action, or {@link QuotaPolicy#UNLIMITED}
     * @param nonceLifetime how long a claimed nonce stays used (the timestamp window)
     */
    public Admission(DataSource dataSource, ToIntFunction<String> limitOf, Duration nonceLifetime, Clock clock) {
        this.dataSource = dataSource;
        this.limitOf = limitOf;
        this.nonceLifetime = nonceLifetime;
        this.clock = clock;
        this.nonces = new NonceClaims(dataSource, nonceLifetime);
    }

    /**
     * Admits the call, or throws {@code SignatureNonceUsed} (a replay, not counted) or
     * {@code Throttling.User} with the milliseconds until the window resets.
     */
    public void admit(Caller caller, String action) {
        Instant now = clock.instant();
        int limit = limitOf.applyAsInt(action);
        if (limit == QuotaPolicy.UNLIMITED) {
            claimNonce(caller, now);
            return;
        }
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES);
        Quota quota = new Quota(caller.accountId(), action);
        if (windowStart.equals(fullWindows.get(quota))) {
            claimNonce(caller, now);
            throw throttled(now, windowStart);
        }
        if (!claimAndCount(caller, action, now, windowStart, limit)) {
            fullWindows.put(quota, windowStart);
            throw throttled(now, windowStart);
        }
    }

    /** Forgets the full windows of minutes that have ended. */
    public void forgetEndedWindows() {
        Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        fullWindows.values().removeIf(start -> start.isBefore(current));
    }

    private void claimNonce(Caller caller, Instant now) {
        if (!nonces.claim(caller, now)) {
            throw ApiError.NONCE_USED.exception();
        }
    }

    private static RuntimeException throttled(Instant now, Instant windowStart) {
        long retryAfterMillis = Math.max(1, Duration.between(now, windowStart.plus(WINDOW)).toMillis());
        return ApiError.THROTTLED.exception().withHeader(RETRY_AFTER_HEADER, Long.toString(retryAfterMillis));
    }

    /** True when admitted; false when over the quota (nothing counted); throws for a reused nonce. */
    private boolean claimAndCount(Caller caller, String action, Instant now, Instant windowStart, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_AND_COUNT)) {
            s.setLong(1, caller.accountId());
            s.setString(2, caller.accessKeyId());
            s.setString(3, caller.nonce());
            s.setTimestamp(4, Timestamp.from(now.plus(nonceLifetime)));
            s.setTimestamp(5, Timestamp.from(now));
            s.setLong(6, caller.accountId());
            s.setString(7, action);
            s.setTimestamp(8, Timestamp.from(windowStart));
            s.setInt(9, limit);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (!r.getBoolean(1)) {
                    throw ApiError.NONCE_USED.exception();
                }
                return r.getBoolean(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Admission statement failed", e);
        }
    }
}
