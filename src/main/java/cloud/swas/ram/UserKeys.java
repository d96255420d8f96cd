package cloud.swas.ram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A RAM user's access keys. They live in {@code access_key} beside the accounts' own keys, marked by
 * {@code user_id}: a request names only its AccessKeyId, and authentication finds every key in one place.
 */
final class UserKeys {

    /** A user's key as listed: never its secret. */
    record KeyRow(String accessKeyId, String status, Instant createDate) {
    }

    private UserKeys() {
    }

    static List<KeyRow> of(Connection c, UserRow user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT access_key_id, status, created_at FROM access_key "
                + "WHERE account_id = ? AND user_id = ? ORDER BY created_at, access_key_id")) {
            s.setLong(1, user.accountId());
            s.setString(2, user.userId());
            List<KeyRow> keys = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(new KeyRow(r.getString(1), r.getString(2), RamDates.read(r, "created_at")));
                }
            }
            return keys;
        }
    }

    /** Inserts the key unless its ID is taken (then false: the caller draws another). */
    static boolean insert(Connection c, UserRow user, String accessKeyId, byte[] secretCiphertext, Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO access_key (account_id, access_key_id, "
                + "secret_ciphertext, status, created_at, user_id) VALUES (?, ?, ?, 'Active', ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            s.setLong(1, user.accountId());
            s.setString(2, accessKeyId);
            s.setBytes(3, secretCiphertext);
            s.setObject(4, RamDates.write(at));
            s.setString(5, user.userId());
            return s.executeUpdate() == 1;
        }
    }

    /** Sets the status of one of the user's keys; false when the user has no such key. */
    static boolean setStatus(Connection c, UserRow user, String accessKeyId, String status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE access_key SET status = ? "
                + "WHERE account_id = ? AND user_id = ? AND access_key_id = ?")) {
            s.setString(1, status);
            s.setLong(2, user.accountId());
            s.setString(3, user.userId());
            s.setString(4, accessKeyId);
            return s.executeUpdate() == 1;
        }
    }

    /** Deletes one of the user's keys; false when the user has no such key. */
    static boolean delete(Connection c, UserRow user, String accessKeyId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM access_key WHERE account_id = ? AND user_id = ? AND access_key_id = ?")) {
            s.setLong(1, user.accountId());
            s.setString(2, user.userId());
            s.setString(3, accessKeyId);
            return s.executeUpdate() == 1;
        }
    }
}
