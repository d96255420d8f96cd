package cloud.swas.throttle;

import cloud.swas.api.ApiError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;

/**
 * Admits or refuses one call against its account's quota for the current calendar minute. The count
 * lives in PostgreSQL so that every replica sees the same number; one upsert both counts and
 * decides, so two replicas can never both admit the 11th call.
 */
public class ThrottleLimiter {

    static final String RETRY_AFTER_HEADER = "x-acs-retry-after";
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final ToIntFunction<String> limitOf;
    private final Clock clock;

    /**
     * @param limitOf the per-minute limit of an action, or {@link QuotaPolicy#UNLIMITED}
     */
    public ThrottleLimiter(DataSource dataSource, ToIntFunction<String> limitOf, Clock clock) {
        this.dataSource = dataSource;
        this.limitOf = limitOf;
        this.clock = clock;
    }

    /** Counts the call, or throws {@code Throttling.User} with the milliseconds until the window resets. */
    public void acquire(long accountId, String action) {
        int limit = limitOf.applyAsInt(action);
        if (limit == QuotaPolicy.UNLIMITED) {
            return;
        }
        Instant now = clock.instant();
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES);
        if (!admit(accountId, action, windowStart, limit)) {
            long retryAfterMillis = Math.max(1, Duration.between(now, windowStart.plus(WINDOW)).toMillis());
            throw ApiError.THROTTLED.exception().withHeader(RETRY_AFTER_HEADER, Long.toString(retryAfterMillis));
        }
    }

    /**
     * Increments the window's count unless it already reached the limit. A refused call writes
     * nothing (the WHERE clause skips the update), which keeps rejections cheap.
     */
    private boolean admit(long accountId, String action, Instant windowStart, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO throttle_window (account_id, action, window_start, calls) VALUES (?, ?, ?, 1)
                     ON CONFLICT (account_id, action, window_start)
                     DO UPDATE SET calls = throttle_window.calls + 1 WHERE throttle_window.calls < ?
                     RETURNING calls""")) {
            s.setLong(1, accountId);
            s.setString(2, action);
            s.setTimestamp(3, Timestamp.from(windowStart));
            s.setInt(4, limit);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Throttle upsert failed", e);
        }
    }
}
