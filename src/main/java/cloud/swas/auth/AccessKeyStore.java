package cloud.swas.auth;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Access keys in PostgreSQL, secrets encrypted by {@link SecretCipher}. Plain JDBC: one indexed
 * lookup per request, no entity state needed. An account may hold several keys, so a key can be
 * rotated without downtime: add the new one, move clients, deactivate the old one.
 */
@ApplicationScoped
public class AccessKeyStore {

    private final AgroalDataSource dataSource;
    private final SecretCipher cipher;

    AccessKeyStore(AgroalDataSource dataSource, SecretCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    public Optional<AccessKey> find(String accessKeyId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT account_id, secret_ciphertext, secret, status FROM access_key WHERE access_key_id = ?")) {
            s.setString(1, accessKeyId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                byte[] ciphertext = r.getBytes(2);
                // A row not yet encrypted (written before V5) is read as is until start-up encrypts it.
                String secret = ciphertext != null ? cipher.decrypt(accessKeyId, ciphertext) : r.getString(3);
                return Optional.of(new AccessKey(r.getLong(1), accessKeyId, secret, "Active".equals(r.getString(4))));
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
                    INSERT INTO access_key (account_id, access_key_id, secret_ciphertext, status) VALUES (?, ?, ?, 'Active')
                    ON CONFLICT (access_key_id) DO UPDATE
                        SET secret_ciphertext = EXCLUDED.secret_ciphertext, secret = NULL, status = 'Active'
                    WHERE access_key.account_id = EXCLUDED.account_id""")) {
                key.setLong(1, accountId);
                key.setString(2, accessKeyId);
                key.setBytes(3, cipher.encrypt(accessKeyId, secret));
                if (key.executeUpdate() == 0) {
                    throw new IllegalStateException("AccessKeyId " + accessKeyId + " belongs to another account");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Access key provisioning failed for " + accessKeyId, e);
        }
    }

    /** Sets a key {@code Active} or {@code Inactive}; returns false when the key does not exist. */
    public boolean setActive(String accessKeyId, boolean active) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE access_key SET status = ? WHERE access_key_id = ?")) {
            s.setString(1, active ? "Active" : "Inactive");
            s.setString(2, accessKeyId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Access key status change failed for " + accessKeyId, e);
        }
    }

    /** Encrypts secrets still stored in plaintext (rows from before encryption at rest); returns how many. */
    public int encryptLegacySecrets() {
        Map<String, String> legacy = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT access_key_id, secret FROM access_key WHERE secret IS NOT NULL");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    legacy.put(r.getString(1), r.getString(2));
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE access_key SET secret_ciphertext = ?, secret = NULL WHERE access_key_id = ? AND secret = ?")) {
                for (Map.Entry<String, String> row : legacy.entrySet()) {
                    s.setBytes(1, cipher.encrypt(row.getKey(), row.getValue()));
                    s.setString(2, row.getKey());
                    s.setString(3, row.getValue());
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Encrypting legacy secrets failed", e);
        }
        return legacy.size();
    }
}
