package cloud.swas.throttle;

import cloud.swas.api.ApiError;
import cloud.swas.auth.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;

/**
 * Admits authenticated calls: claims each call's signature nonce (cluster-wide, once per access key within
 * the timestamp window) and counts it against its account's quota for the current calendar minute.
 *
 * <p>Both live in PostgreSQL so that every replica sees the same state, and both are decided by ONE
 * statement ({@link PendingAdmission}), which runs on its own or as part of the operation's own statement
 * or transaction.
 *
 * <p>Rejections are made cheap: once this replica has seen an account's window full, it stops asking
 * for the rest of that minute (the count can only grow until the minute ends) and only claims the
 * nonce, in a group with other such claims ({@link NonceClaims}). The nonce of a rejected call is still
 * claimed, so that a captured request that was refused cannot be replayed later, when quota is free.
 */
public class Admission {

    record Quota(long accountId, String action) {
    }

    private final DataSource dataSource;
    private final ToIntFunction<String> limitOf;
    private final Duration nonceLifetime;
    private final Clock clock;
    private final NonceClaims nonces;
    /**
     * Windows this replica has seen full, by account and action: the value is when the window ends, in this
     * process's monotonic time ({@link System#nanoTime()}), taken from the database's answer of how long its
     * current minute lasts. So the memory ends with the database's minute whatever this replica's clock says.
     */
    private final Map<Quota, Long> fullUntil = new ConcurrentHashMap<>();

    /**
     * @param limitOf       the per-minute limit of an action, or {@link QuotaPolicy#UNLIMITED}
     * @param nonceLifetime how long a claimed nonce stays used after its request's timestamp (the timestamp window)
     * @param clock         this replica's clock: it judges signature timestamps, so it also dates nonce expiry
     */
    public Admission(DataSource dataSource, ToIntFunction<String> limitOf, Duration nonceLifetime, Clock clock) {
        this.dataSource = dataSource;
        this.limitOf = limitOf;
        this.nonceLifetime = nonceLifetime;
        this.clock = clock;
        this.nonces = new NonceClaims(dataSource, Duration.ofSeconds(30));
    }

    /**
     * Admits the call now, or throws {@code SignatureNonceUsed} (a replay, not counted) or
     * {@code Throttling.User} with the milliseconds until the window resets.
     */
    public void admit(Caller caller, String action) {
        prepare(caller, action).admit();
    }

    /**
     * The call's admission, to be run by the caller's operation. What needs no quota decision is done
     * here: an action without a limit only claims its nonce, and a call into a window this replica has
     * seen full claims its nonce and is refused at once.
     */
    public PendingAdmission prepare(Caller caller, String action) {
        Instant now = clock.instant();
        Instant nonceExpiry = nonceExpiry(caller, now);
        int limit = limitOf.applyAsInt(action);
        if (limit == QuotaPolicy.UNLIMITED) {
            claimNonce(caller, now, nonceExpiry);
            return PendingAdmission.DONE;
        }
        Quota quota = new Quota(caller.accountId(), action);
        Long until = fullUntil.get(quota);
        if (until != null) {
            long left = until - System.nanoTime();
            if (left > 0) {
                claimNonce(caller, now, nonceExpiry);
                throw throttled(TimeUnit.NANOSECONDS.toMillis(left));
            }
        }
        return new PendingAdmission(this, dataSource, quota, caller.accessKeyId(), caller.nonce(), now, nonceExpiry,
                limit);
    }

    /**
     * A nonce stays used for as long as a request carrying it could be accepted: until its request's
     * timestamp plus the window (contract section 2), and never less than the window from now. A request
     * stamped ahead of this clock can therefore not be replayed once the clock has passed its stamp.
     */
    private Instant nonceExpiry(Caller caller, Instant now) {
        Instant from = caller.signedAt().isAfter(now) ? caller.signedAt() : now;
        return from.plus(nonceLifetime);
    }

    /** Forgets the full windows that have ended. */
    public void forgetEndedWindows() {
        long now = System.nanoTime();
        fullUntil.values().removeIf(until -> until - now <= 0);
    }

    RuntimeException nonceUsed() {
        return ApiError.NONCE_USED.exception();
    }

    /**
     * The refusal of a call into a full window, which this replica remembers until the window ends.
     *
     * @param retryAfterMillis how long the database's current minute still lasts
     */
    RuntimeException refuse(Quota quota, long retryAfterMillis) {
        long millis = Math.max(1, retryAfterMillis);
        fullUntil.put(quota, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        return throttled(millis);
    }

    private void claimNonce(Caller caller, Instant now, Instant expiry) {
        if (!nonces.claim(caller, now, expiry)) {
            throw nonceUsed();
        }
    }

    private static RuntimeException throttled(long retryAfterMillis) {
        return ApiError.THROTTLED.exception().withRetryAfter(retryAfterMillis);
    }
}
