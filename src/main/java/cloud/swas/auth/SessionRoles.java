package cloud.swas.auth;

import com.github.benmanes.caffeine.cache.Cache;
import cloud.swas.db.ReadStamped;
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

    private final AgroalDataSource dataSource;
    private final Cache<RoleKey, ReadStamped<Boolean>> cache;

    SessionRoles(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.cache = ReadStamped.<RoleKey, Boolean>cache(MAX_AGE, 10_000).build();
    }

    /** Whether role {@code roleId} of account {@code accountId} exists, as of at most {@link #MAX_AGE} ago. */
    public boolean exists(long accountId, String roleId) {
        return cache.get(new RoleKey(accountId, roleId), key -> ReadStamped.read(() -> load(key))).value();
    }

    private boolean load(RoleKey key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM ram_role WHERE account_id = ? AND role_id = ?")) {
            s.setLong(1, key.accountId());
            s.setString(2, key.roleId());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Role lookup failed", e);
        }
    }
}
