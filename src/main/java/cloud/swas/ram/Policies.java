package cloud.swas.ram;

import cloud.swas.api.ApiError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Custom policies of an account and their versions, found by name without regard to case. */
final class Policies {

    /** One version of a custom policy. */
    record VersionRow(String versionId, String document, Instant createDate) {
    }

    /** How a read of a policy row locks it for the rest of the call's transaction. */
    enum Lock {
        NONE(""),
        /** Attaching: the policy must survive until the attachment commits; attaches do not wait for each other. */
        SHARE(" FOR SHARE"),
        /** Versioning and deleting: one at a time, and not while it is being attached. */
        UPDATE(" FOR UPDATE");

        private final String sql;

        Lock(String sql) {
            this.sql = sql;
        }
    }

    private static final String COLUMNS = "account_id, policy_name, policy_key, description, default_version, "
            + "last_version, create_date, update_date";

    private Policies() {
    }

    /** The custom policy, or {@code EntityNotExist.Policy}. */
    static PolicyRow find(Connection c, long accountId, String policyName, Lock lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM ram_policy WHERE account_id = ? AND policy_key = lower(?)" + lock.sql)) {
            s.setLong(1, accountId);
            s.setString(2, policyName);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ApiError.POLICY_NOT_FOUND.exception();
                }
                return row(r);
            }
        }
    }

    /** Inserts the policy unless its name is taken (then false). */
    static boolean insert(Connection c, PolicyRow policy) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ram_policy (account_id, policy_name, description, "
                + "default_version, last_version, create_date, update_date) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            s.setLong(1, policy.accountId());
            s.setString(2, policy.policyName());
            s.setString(3, policy.description());
            s.setString(4, policy.defaultVersion());
            s.setInt(5, policy.lastVersion());
            s.setObject(6, RamDates.write(policy.createDate()));
            s.setObject(7, RamDates.write(policy.updateDate()));
            return s.executeUpdate() == 1;
        }
    }

    static void update(Connection c, PolicyRow policy) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ram_policy SET default_version = ?, last_version = ?, "
                + "update_date = ? WHERE account_id = ? AND policy_key = ?")) {
            s.setString(1, policy.defaultVersion());
            s.setInt(2, policy.lastVersion());
            s.setObject(3, RamDates.write(policy.updateDate()));
            s.setLong(4, policy.accountId());
            s.setString(5, policy.policyKey());
            s.executeUpdate();
        }
    }

    /** Deletes the policy and, by the foreign key's cascade, its versions. */
    static void delete(Connection c, PolicyRow policy) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ram_policy WHERE account_id = ? AND policy_key = ?")) {
            s.setLong(1, policy.accountId());
            s.setString(2, policy.policyKey());
            s.executeUpdate();
        }
    }

    static int count(Connection c, long accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ram_policy WHERE account_id = ?")) {
            s.setLong(1, accountId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Every custom policy of the account, by key. */
    static List<PolicyRow> all(Connection c, long accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM ram_policy WHERE account_id = ? ORDER BY policy_key")) {
            s.setLong(1, accountId);
            List<PolicyRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        }
    }

    static void insertVersion(Connection c, PolicyRow policy, String versionId, String document, Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ram_policy_version (account_id, policy_key, "
                + "version_id, document, create_date) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, policy.accountId());
            s.setString(2, policy.policyKey());
            s.setString(3, versionId);
            s.setString(4, document);
            s.setObject(5, RamDates.write(at));
            s.executeUpdate();
        }
    }

    /** The policy's versions, oldest first. */
    static List<VersionRow> versions(Connection c, PolicyRow policy) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version_id, document, create_date FROM ram_policy_version "
                + "WHERE account_id = ? AND policy_key = ? ORDER BY substring(version_id FROM 2)::integer")) {
            s.setLong(1, policy.accountId());
            s.setString(2, policy.policyKey());
            List<VersionRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new VersionRow(r.getString(1), r.getString(2), RamDates.read(r, "create_date")));
                }
            }
            return rows;
        }
    }

    static Optional<VersionRow> version(Connection c, PolicyRow policy, String versionId) throws SQLException {
        return versions(c, policy).stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    static void deleteVersion(Connection c, PolicyRow policy, String versionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ram_policy_version "
                + "WHERE account_id = ? AND policy_key = ? AND version_id = ?")) {
            s.setLong(1, policy.accountId());
            s.setString(2, policy.policyKey());
            s.setString(3, versionId);
            s.executeUpdate();
        }
    }

    private static PolicyRow row(ResultSet r) throws SQLException {
        return new PolicyRow(r.getLong("account_id"), r.getString("policy_name"), r.getString("policy_key"),
                r.getString("description"), r.getString("default_version"), r.getInt("last_version"),
                RamDates.read(r, "create_date"), RamDates.read(r, "update_date"));
    }
}
