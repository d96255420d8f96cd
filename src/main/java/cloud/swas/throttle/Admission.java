package cloud.swas.throttle;

import cloud.swas.api.ApiError;
import cloud.swas.auth.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    static final String RETRY_AFTER_HEADER = "x-acs-retry-after";
    private static final Duration WINDOW = Duration.ofMinutes(1);

    record Quota(long accountId, String action) {
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
        int limit = limitOf.applyAsInt(action);
        if (limit == QuotaPolicy.UNLIMITED) {
            claimNonce(caller, now);
            return PendingAdmission.DONE;
        }
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES);
        Quota quota = new Quota(caller.accountId(), action);
        if (windowStart.equals(fullWindows.get(quota))) {
            claimNonce(caller, now);
            throw throttled(now, windowStart);
        }
        return new PendingAdmission(this, dataSource, quota, caller.accessKeyId(), caller.nonce(), now,
                now.plus(nonceLifetime), windowStart, limit);
    }

    /** Forgets the full windows of minutes that have ended. */
    public void forgetEndedWindows() {
        Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        fullWindows.values().removeIf(start -> start.isBefore(current));
    }

    RuntimeException nonceUsed() {
        return ApiError.NONCE_USED.exception();
    }

    /** The refusal of a call into a full window, which this replica remembers until the minute ends. */
    RuntimeException refuse(Quota quota, Instant now, Instant windowStart) {
        fullWindows.put(quota, windowStart);
        return throttled(now, windowStart);
    }

    private void claimNonce(Caller caller, Instant now) {
        if (!nonces.claim(caller, now)) {
            throw nonceUsed();
        }
    }

    private static RuntimeException throttled(Instant now, Instant windowStart) {
        long retryAfterMillis = Math.max(1, Duration.between(now, windowStart.plus(WINDOW)).toMillis());
        return ApiError.THROTTLED.exception().withHeader(RETRY_AFTER_HEADER, Long.toString(retryAfterMillis));
    }
}
