package cloud.swas.auth;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Access keys in PostgreSQL. Plain JDBC: one indexed lookup per request, no entity state needed. */
@ApplicationScoped
public class AccessKeyStore {

    private final AgroalDataSource dataSource;

    AccessKeyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<AccessKey> find(String accessKeyId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT account_id, secret, status FROM access_key WHERE access_key_id = ?")) {
            s.setString(1, accessKeyId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AccessKey(r.getLong(1), accessKeyId, r.getString(2),
                        "Active".equals(r.getString(3))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Access key lookup failed", e);
        }
    }

    /**
     * Creates the account if needed and the key, or refreshes the key's secret and re-activates it.
     * A key ID that already belongs to another account is refused rather than moved.
     */
    public void upsert(long accountId, String accessKeyId, String secret) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement account = c.prepareStatement(
                    "INSERT INTO account (account_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                account.setLong(1, accountId);
                account.executeUpdate();
            }
            try (PreparedStatement key = c.prepareStatement("""
                    INSERT INTO access_key (account_id, access_key_id, secret, status) VALUES (?, ?, ?, 'Active')
                    ON CONFLICT (access_key_id) DO UPDATE SET secret = EXCLUDED.secret, status = 'Active'
                    WHERE access_key.account_id = EXCLUDED.account_id""")) {
                key.setLong(1, accountId);
                key.setString(2, accessKeyId);
                key.setString(3, secret);
                if (key.executeUpdate() == 0) {
                    throw new IllegalStateException("AccessKeyId " + accessKeyId + " belongs to another account");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Access key provisioning failed for " + accessKeyId, e);
        }
    }
}
