package cloud.swas.ram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Policies attached to users and roles. An attachment names its policy by type and lower-case name: system
 * policies have no row to reference, and a custom policy cannot be deleted while attached (checked under its row's
 * lock by DeletePolicy, taken in share mode by every attach).
 */
final class Attachments {

    static final String USER = "User";
    static final String ROLE = "Role";

    /** One attachment of a principal. */
    record AttachmentRow(String policyType, String policyKey, Instant attachDate) {
    }

    private Attachments() {
    }

    /** The principal's attachments, in the order they were made. */
    static List<AttachmentRow> of(Connection c, long accountId, String kind, String principalId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT policy_type, policy_key, attach_date FROM ram_attachment "
                + "WHERE account_id = ? AND principal_kind = ? AND principal_id = ? ORDER BY attach_date, policy_key")) {
            s.setLong(1, accountId);
            s.setString(2, kind);
            s.setString(3, principalId);
            List<AttachmentRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new AttachmentRow(r.getString(1), r.getString(2), RamDates.read(r, "attach_date")));
                }
            }
            return rows;
        }
    }

    /** Attaches; false when this policy is attached to the principal already. */
    static boolean insert(Connection c, long accountId, String kind, String principalId, String policyType,
                          String policyKey, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ram_attachment (account_id, principal_kind, "
                + "principal_id, policy_type, policy_key, attach_date) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setLong(1, accountId);
            s.setString(2, kind);
            s.setString(3, principalId);
            s.setString(4, policyType);
            s.setString(5, policyKey);
            s.setObject(6, RamDates.write(at));
            return s.executeUpdate() == 1;
        }
    }

    /** Detaches; false when the policy was not attached to the principal. */
    static boolean delete(Connection c, long accountId, String kind, String principalId, String policyType,
                          String policyKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ram_attachment WHERE account_id = ? "
                + "AND principal_kind = ? AND principal_id = ? AND policy_type = ? AND policy_key = ?")) {
            s.setLong(1, accountId);
            s.setString(2, kind);
            s.setString(3, principalId);
            s.setString(4, policyType);
            s.setString(5, policyKey);
            return s.executeUpdate() == 1;
        }
    }

    /** Whether the policy is attached to any principal of this kind. */
    static boolean attachedTo(Connection c, long accountId, String policyType, String policyKey, String kind)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM ram_attachment WHERE account_id = ? "
                + "AND policy_type = ? AND policy_key = ? AND principal_kind = ? LIMIT 1")) {
            s.setLong(1, accountId);
            s.setString(2, policyType);
            s.setString(3, policyKey);
            s.setString(4, kind);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** How many principals each policy of the account is attached to, by {@link #countKey}. */
    static Map<String, Integer> counts(Connection c, long accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT policy_type, policy_key, count(*) FROM ram_attachment "
                + "WHERE account_id = ? GROUP BY policy_type, policy_key")) {
            s.setLong(1, accountId);
            Map<String, Integer> counts = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(countKey(r.getString(1), r.getString(2)), r.getInt(3));
                }
            }
            return counts;
        }
    }

    static int count(Connection c, long accountId, String policyType, String policyKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ram_attachment WHERE account_id = ? "
                + "AND policy_type = ? AND policy_key = ?")) {
            s.setLong(1, accountId);
            s.setString(2, policyType);
            s.setString(3, policyKey);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    static String countKey(String policyType, String policyKey) {
        return policyType + ":" + policyKey;
    }
}
