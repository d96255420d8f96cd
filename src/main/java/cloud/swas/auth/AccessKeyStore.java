package cloud.swas.auth;

import com.github.benmanes.caffeine.cache.Cache;
import cloud.swas.db.ReadStamped;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Access keys in PostgreSQL, secrets encrypted by {@link SecretCipher}. Plain JDBC, no entity state
 * needed. An account may hold several keys, so a key can be rotated without downtime: add the new
 * one, move clients, deactivate the old one.
 *
 * <p>Lookups are cached per replica for {@code swas.auth.key-cache-ttl} (default 1 s; a database round trip and
 * a decryption saved on nearly every request), in a Caffeine cache bounded by size as well as by age: the
 * lookup runs before the signature is checked, so whoever can reach the port decides which IDs are looked
 * up. The age is counted from when the lookup STARTED, not from when its result was stored: a read that began
 * before a change committed elsewhere and finished after it is thrown away within the TTL of the change, so a key
 * deactivated or deleted on one replica stops working on every replica within the TTL (contract 11.8). Changes
 * made through this store, or announced with {@link #invalidate}, take effect at once on this replica.
 *
 * <p>A RAM user's key carries its user's ID and current name (the principal of its calls), read with the key; a
 * renamed user's keys are forgotten like a changed key.
 *
 * <p>Misses are cached too, under the same bounds. A client left with a removed or mistyped key retries
 * without pause, and each of its calls would otherwise cost a database round trip. What a miss can cost is
 * bounded: the ID has the stored form (at most 64 characters, checked before any lookup,
 * {@link AccessKey#wellFormedId}), the entries are at most {@code swas.auth.key-cache-max-size}, each lives
 * at most the TTL, and Caffeine's admission policy (W-TinyLFU) keeps a flood of distinct one-off IDs from
 * evicting the keys in steady use. A key created on another replica is therefore seen here within the TTL,
 * the same bound as any other change made elsewhere.
 */
@ApplicationScoped
public class AccessKeyStore {

    private final AgroalDataSource dataSource;
    private final SecretCipher cipher;
    /** Null when {@code swas.auth.key-cache-ttl} is 0: every lookup goes to the database. */
    private final Cache<String, ReadStamped<Optional<AccessKey>>> cache;

    AccessKeyStore(AgroalDataSource dataSource, SecretCipher cipher, AuthConfig config) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.cache = config.keyCacheTtl().isZero() || config.keyCacheTtl().isNegative() ? null
                : ReadStamped.<String, Optional<AccessKey>>cache(config.keyCacheTtl(), config.keyCacheMaxSize()).build();
    }

    /** The key with this ID, or empty when there is none (also for an ID that cannot be one). */
    public Optional<AccessKey> find(String accessKeyId) {
        if (!AccessKey.wellFormedId(accessKeyId)) {
            return Optional.empty();
        }
        // A failed load (database down) throws and leaves nothing cached.
        return cache == null ? load(accessKeyId)
                : cache.get(accessKeyId, id -> ReadStamped.read(() -> load(id))).value();
    }

    /**
     * Forgets what this replica knows of one key, so the next lookup reads the database: for a change made
     * elsewhere (another replica, the database directly). Caffeine leaves undefined what becomes of a lookup of
     * the same key that is loading at that moment; whatever it keeps lives at most the TTL.
     */
    public void invalidate(String accessKeyId) {
        if (cache != null) {
            cache.invalidate(accessKeyId);
        }
    }

    /** Forgets every key this replica knows. */
    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    private Optional<AccessKey> load(String accessKeyId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT k.account_id, k.secret_ciphertext, k.secret, k.status, "
                     + "k.user_id, u.user_name FROM access_key k LEFT JOIN ram_user u "
                     + "ON u.account_id = k.account_id AND u.user_id = k.user_id WHERE k.access_key_id = ?")) {
            s.setString(1, accessKeyId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                byte[] ciphertext = r.getBytes(2);
                // A row not yet encrypted (written before V5) is read as is until start-up encrypts it.
                String secret = ciphertext != null ? cipher.decrypt(accessKeyId, ciphertext) : r.getString(3);
                return Optional.of(new AccessKey(r.getLong(1), accessKeyId, secret, "Active".equals(r.getString(4)),
                        r.getString(5), r.getString(6)));
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
                        SET secret_ciphertext = EXCLUDED.secret_ciphertext, secret = NULL, status = 'Active',
                            from_file = false, file_digest = NULL
                    WHERE access_key.account_id = EXCLUDED.account_id""")) {
                key.setLong(1, accountId);
                key.setString(2, accessKeyId);
                key.setBytes(3, cipher.encrypt(accessKeyId, secret));
                if (key.executeUpdate() == 0) {
                    throw new IllegalStateException("AccessKeyId " + accessKeyId + " belongs to another account");
                }
                invalidate(accessKeyId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Access key provisioning failed for " + accessKeyId, e);
        }
    }

    /** One line of the key file, as {@link AccessKeyFile} read it. */
    record FileKey(long accountId, String accessKeyId, String secret, boolean active) {

        @Override
        public String toString() {
            return "FileKey[accountId=" + accountId + ", accessKeyId=" + accessKeyId + ", active=" + active + "]";
        }
    }

    /** What a sync of the key file changed. */
    record FileSync(int written, int deactivated, int refused) {
    }

    private static final int SYNC_BATCH = 1000;

    /**
     * Makes the keys of the file what the file says, in batches: entries whose digest differs from the stored
     * one are written (created, given a new secret, re-activated or deactivated), keys from the file that the
     * file no longer has are set Inactive. A key ID that belongs to another account is refused, not moved.
     */
    FileSync syncFile(List<FileKey> keys) {
        Map<String, byte[]> stored = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT access_key_id, file_digest FROM access_key WHERE from_file")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        stored.put(r.getString(1), r.getBytes(2));
                    }
                }
            }
            List<FileKey> changed = new ArrayList<>();
            Map<String, byte[]> digests = new HashMap<>();
            for (FileKey key : keys) {
                byte[] digest = cipher.digest(key.accountId() + ":" + key.accessKeyId() + ":" + key.secret() + ":"
                        + key.active());
                digests.put(key.accessKeyId(), digest);
                if (!Arrays.equals(digest, stored.get(key.accessKeyId()))) {
                    changed.add(key);
                }
            }
            int refused = 0;
            for (int from = 0; from < changed.size(); from += SYNC_BATCH) {
                List<FileKey> batch = changed.subList(from, Math.min(changed.size(), from + SYNC_BATCH));
                refused += batch.size() - writeBatch(c, batch, digests);
            }
            List<String> gone = stored.keySet().stream().filter(id -> !digests.containsKey(id)).toList();
            int deactivated = 0;
            if (!gone.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("UPDATE access_key SET status = 'Inactive', "
                        + "file_digest = NULL WHERE from_file AND access_key_id = ANY(?)")) {
                    s.setArray(1, c.createArrayOf("varchar", gone.toArray()));
                    deactivated = s.executeUpdate();
                }
            }
            changed.forEach(k -> invalidate(k.accessKeyId()));
            gone.forEach(this::invalidate);
            return new FileSync(changed.size() - refused, deactivated, refused);
        } catch (SQLException e) {
            throw new IllegalStateException("Access key file sync failed", e);
        }
    }

    private int writeBatch(Connection c, List<FileKey> batch, Map<String, byte[]> digests) throws SQLException {
        Long[] accounts = new Long[batch.size()];
        String[] ids = new String[batch.size()];
        String[] ciphertexts = new String[batch.size()];
        String[] statuses = new String[batch.size()];
        String[] digestTexts = new String[batch.size()];
        Base64.Encoder base64 = Base64.getEncoder();
        for (int i = 0; i < batch.size(); i++) {
            FileKey key = batch.get(i);
            accounts[i] = key.accountId();
            ids[i] = key.accessKeyId();
            ciphertexts[i] = base64.encodeToString(cipher.encrypt(key.accessKeyId(), key.secret()));
            statuses[i] = key.active() ? "Active" : "Inactive";
            digestTexts[i] = base64.encodeToString(digests.get(key.accessKeyId()));
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO account (account_id) SELECT DISTINCT unnest(?::bigint[]) ON CONFLICT DO NOTHING")) {
            s.setArray(1, c.createArrayOf("bigint", accounts));
            s.executeUpdate();
        }
        // Base64 text in, bytea stored: arrays of bytea are not portable across driver versions.
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO access_key (account_id, access_key_id, secret_ciphertext, status, from_file, file_digest)
                SELECT a, k, decode(x, 'base64'), st, true, decode(d, 'base64')
                FROM unnest(?::bigint[], ?::varchar[], ?::text[], ?::varchar[], ?::text[]) AS t (a, k, x, st, d)
                ON CONFLICT (access_key_id) DO UPDATE
                    SET secret_ciphertext = EXCLUDED.secret_ciphertext, secret = NULL, status = EXCLUDED.status,
                        from_file = true, file_digest = EXCLUDED.file_digest
                WHERE access_key.account_id = EXCLUDED.account_id""")) {
            s.setArray(1, c.createArrayOf("bigint", accounts));
            s.setArray(2, c.createArrayOf("varchar", ids));
            s.setArray(3, c.createArrayOf("text", ciphertexts));
            s.setArray(4, c.createArrayOf("varchar", statuses));
            s.setArray(5, c.createArrayOf("text", digestTexts));
            return s.executeUpdate();
        }
    }

    /** Sets a key {@code Active} or {@code Inactive}; returns false when the key does not exist. */
    public boolean setActive(String accessKeyId, boolean active) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE access_key SET status = ? WHERE access_key_id = ?")) {
            s.setString(1, active ? "Active" : "Inactive");
            s.setString(2, accessKeyId);
            boolean changed = s.executeUpdate() == 1;
            invalidate(accessKeyId);
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
                    invalidate(row.getKey());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Encrypting legacy secrets failed", e);
        }
        return legacy.size();
    }
}
