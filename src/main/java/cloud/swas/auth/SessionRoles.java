package cloud.swas.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Whether the role of a session still exists (contract 11.8): a session of a deleted role, or of a role deleted and
 * created again under the same name (a new role ID), stops within {@link #MAX_AGE} on every replica. The answer is
 * kept per replica at most {@link #MAX_AGE} counted from the moment its query started, so that nothing this
 * replica answers is older than the bound, however long the query took. Reads {@code ram_role} only; the RAM API
 * owns its writes.
 */
@ApplicationScoped
public class SessionRoles {

    /** The bound of contract 11.8. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private record RoleKey(long accountId, String roleId) {
    }

    private record Known(boolean exists, long loadStartedNanos) {
    }

    private final AgroalDataSource dataSource;
    private final Cache<RoleKey, Known> cache;

    SessionRoles(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        long maxAge = MAX_AGE.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfter(new Expiry<RoleKey, Known>() {
                    @Override
                    public long expireAfterCreate(RoleKey key, Known value, long currentTime) {
                        // Caffeine's clock is System.nanoTime, the same as loadStartedNanos.
                        return Math.max(0, maxAge - (currentTime - value.loadStartedNanos()));
                    }

                    @Override
                    public long expireAfterUpdate(RoleKey key, Known value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(RoleKey key, Known value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** Whether role {@code roleId} of account {@code accountId} exists, as of at most {@link #MAX_AGE} ago. */
    public boolean exists(long accountId, String roleId) {
        return cache.get(new RoleKey(accountId, roleId), this::load).exists();
    }

    private Known load(RoleKey key) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM ram_role WHERE account_id = ? AND role_id = ?")) {
            s.setLong(1, key.accountId());
            s.setString(2, key.roleId());
            try (ResultSet r = s.executeQuery()) {
                return new Known(r.next(), started);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Role lookup failed", e);
        }
    }
}
