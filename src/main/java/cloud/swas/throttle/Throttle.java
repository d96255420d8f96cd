package cloud.swas.throttle;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiException;
import cloud.swas.api.SqlPart;
import cloud.swas.db.ExpiringRows;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Per-user quotas (contract section 6): accepted calls per account, action and calendar minute, counted
 * in PostgreSQL so that every replica shares one count. A call is counted by {@link #COUNT}, part of its
 * admission statement, which both counts and decides ({@code ... WHERE calls < limit}), so two replicas
 * can never both admit the 11th call. The minute is the database's, never a replica's clock.
 *
 * <p>Refusals are cheap: once this replica has seen a window full it refuses the rest of that minute
 * without asking the database ({@link #knownFull}); the count can only grow until the minute ends.
 */
@ApplicationScoped
public class Throttle implements ExpiringRows {

    private static final Logger LOG = Logger.getLogger(Throttle.class);
    /** Windows are kept one extra minute, so a slow request at a boundary never recreates a purged one. */
    private static final Duration KEEP = Duration.ofMinutes(2);
    /** Full windows are forgotten when next looked at; beyond this many remembered, ended ones are swept. */
    private static final int SWEEP_ABOVE = 10_000;

    /**
     * Defines {@code admitted}: one row when the call's nonce was fresh ({@code fresh_nonce}: a replay is not
     * counted) and its window had room. Output columns {@code call_admitted} and {@code retry_after_ms}, the
     * time left in the database's current minute.
     */
    public static final SqlPart COUNT = new SqlPart("""
            quota_window AS (SELECT date_trunc('minute', statement_timestamp()) AS start),
            admitted AS (
                INSERT INTO throttle_window (account_id, action, window_start, calls)
                SELECT :quota_account, :quota_action, quota_window.start, 1 FROM fresh_nonce, quota_window
                ON CONFLICT (account_id, action, window_start)
                DO UPDATE SET calls = throttle_window.calls + 1 WHERE throttle_window.calls < :quota_limit
                RETURNING 1)""", """
            EXISTS (SELECT 1 FROM admitted) AS call_admitted,
                (SELECT ceil(extract(epoch FROM start + interval '1 minute' - clock_timestamp()) * 1000)::bigint
                 FROM quota_window) AS retry_after_ms""");

    private record Quota(long accountId, String action) {
    }

    private final QuotaPolicy policy;
    /**
     * Windows this replica has seen full: when each ends, in this process's monotonic time
     * ({@link System#nanoTime()}), from the database's answer of how long its minute still lasts.
     */
    private final Map<Quota, Long> fullUntil = new ConcurrentHashMap<>();

    public Throttle(ThrottleConfig config) {
        this.policy = new QuotaPolicy(config);
    }

    /** False when throttling is switched off for the action: its calls are not counted. */
    public boolean limits(String version, String action) {
        return policy.limit(version, action) != QuotaPolicy.UNLIMITED;
    }

    /** The refusal of a call into a window this replica has seen full, or null when it must be counted. */
    public ApiException knownFull(long accountId, String action) {
        Quota quota = new Quota(accountId, action);
        Long until = fullUntil.get(quota);
        if (until == null) {
            return null;
        }
        long left = until - System.nanoTime();
        if (left <= 0) {
            fullUntil.remove(quota, until);
            return null;
        }
        return throttled(TimeUnit.NANOSECONDS.toMillis(left));
    }

    /** The values of {@link #COUNT}'s parameters for a call of {@code action} (of product {@code version}) by {@code accountId}. */
    public Map<String, Object> countValues(long accountId, String version, String action) {
        return Map.of("quota_account", accountId, "quota_action", action, "quota_limit",
                policy.limit(version, action));
    }

    /** The refusal of a call that {@link #COUNT} did not admit; this replica remembers the full window. */
    public ApiException refuse(long accountId, String action, long retryAfterMillis) {
        long millis = Math.max(1, retryAfterMillis);
        if (fullUntil.size() >= SWEEP_ABOVE) {
            long now = System.nanoTime();
            fullUntil.values().removeIf(until -> until - now <= 0);
        }
        fullUntil.put(new Quota(accountId, action), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        return throttled(millis);
    }

    private static ApiException throttled(long retryAfterMillis) {
        return ApiError.THROTTLED.exception().withRetryAfter(retryAfterMillis);
    }

    void announceLimits(@Observes StartupEvent event) {
        if (!policy.disabledActions().isEmpty()) {
            LOG.warnf("Throttling is SWITCHED OFF for %s (swas.throttle.actions.*.enabled=false); "
                    + "meant for load tests only", policy.disabledActions());
        }
        LOG.infof("Throttling: %d calls per account, action and minute unless overridden", policy.defaultLimit());
    }

    @Override
    public String table() {
        return "throttle_window";
    }

    @Override
    public String expiryColumn() {
        return "window_start";
    }

    @Override
    public Duration grace() {
        return KEEP;
    }
}
