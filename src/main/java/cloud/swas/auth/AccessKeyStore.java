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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access keys in PostgreSQL, secrets encrypted by {@link SecretCipher}. Plain JDBC, no entity state
 * needed. An account may hold several keys, so a key can be rotated without downtime: add the new
 * one, move clients, deactivate the old one.
 *
 * <p>Lookups are cached per replica for {@code swas.auth.key-cache-ttl} (a database round trip and a
 * decryption saved on nearly every request). Changes made through this store take effect at once on
 * this replica; another replica sees them within the TTL.
 */
@ApplicationScoped
public class AccessKeyStore {

    /** Bounds the cache's memory; a flood of distinct unknown key IDs just empties it. */
    private static final int MAX_CACHED_KEYS = 100_000;

    private record Cached(Optional<AccessKey> key, long expiresAtNanos) {
    }

    private final AgroalDataSource dataSource;
    private final SecretCipher cipher;
    private final long cacheTtlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    AccessKeyStore(AgroalDataSource dataSource, SecretCipher cipher, AuthConfig config) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.cacheTtlNanos = config.keyCacheTtl().toNanos();
    }

    public Optional<AccessKey> find(String accessKeyId) {
        if (cacheTtlNanos <= 0) {
            return load(accessKeyId);
        }
        long now = System.nanoTime();
        Cached cached = cache.get(accessKeyId);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.key();
        }
        Optional<AccessKey> key = load(accessKeyId);
        if (cache.size() >= MAX_CACHED_KEYS) {
            cache.clear();
        }
        cache.put(accessKeyId, new Cached(key, now + cacheTtlNanos));
        return key;
    }

    private Optional<AccessKey> load(String accessKeyId) {
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
                cache.remove(accessKeyId);
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
            boolean changed = s.executeUpdate() == 1;
            cache.remove(accessKeyId);
            return changed;
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
                    cache.remove(row.getKey());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Encrypting legacy secrets failed", e);
        }
        return legacy.size();
    }
}
