package cloud.swas.sts;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The roles AssumeRole reads: one read-only query of {@code ram_role} (the RAM API owns its writes), by the account
 * and the name as an ARN gives it (role names compare case-insensitively, contract 11.1). Read on every call, so
 * a trust policy changed on any replica applies from the next AssumeRole.
 */
@ApplicationScoped
public class StsRoles {

    /** A role as AssumeRole needs it. */
    public record Role(long accountId, String roleId, String roleName, String trustPolicy, int maxSessionDuration) {
    }

    private final AgroalDataSource dataSource;

    StsRoles(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Role> find(long accountId, String roleName) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT role_id, role_name, trust_policy, max_session_duration "
                     + "FROM ram_role WHERE account_id = ? AND role_key = ?")) {
            s.setLong(1, accountId);
            s.setString(2, roleName.toLowerCase(Locale.ROOT));
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Role(accountId, r.getString(1), r.getString(2), r.getString(3), r.getInt(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Role lookup failed", e);
        }
    }
}
