package cloud.swas.ram;

import cloud.swas.api.ApiError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** RAM roles of an account, found by name without regard to case (the table's {@code role_key}). */
final class Roles {

    private static final String COLUMNS = "account_id, role_id, role_name, description, trust_policy, "
            + "max_session_duration, create_date, update_date";

    private Roles() {
    }

    /** The role, or {@code EntityNotExist.Role}. */
    static RoleRow find(Connection c, long accountId, String roleName) throws SQLException {
        return select(c, accountId, roleName, "").orElseThrow(ApiError.ROLE_NOT_FOUND::exception);
    }

    /** The role, its row locked for the rest of the call's transaction (as {@link Users#lock}), or NotExist. */
    static RoleRow lock(Connection c, long accountId, String roleName) throws SQLException {
        return select(c, accountId, roleName, " FOR UPDATE").orElseThrow(ApiError.ROLE_NOT_FOUND::exception);
    }

    private static Optional<RoleRow> select(Connection c, long accountId, String roleName, String lock)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM ram_role WHERE account_id = ? AND role_key = lower(?)" + lock)) {
            s.setLong(1, accountId);
            s.setString(2, roleName);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /** Inserts the role unless its name (or, rarely, its random ID) is taken: then false. */
    static boolean insert(Connection c, RoleRow role) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ram_role (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setLong(1, role.accountId());
            s.setString(2, role.roleId());
            s.setString(3, role.roleName());
            s.setString(4, role.description());
            s.setString(5, role.trustPolicy());
            s.setInt(6, role.maxSessionDuration());
            s.setObject(7, RamDates.write(role.createDate()));
            s.setObject(8, RamDates.write(role.updateDate()));
            return s.executeUpdate() == 1;
        }
    }

    static boolean nameTaken(Connection c, long accountId, String roleName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM ram_role WHERE account_id = ? AND role_key = lower(?)")) {
            s.setLong(1, accountId);
            s.setString(2, roleName);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static int count(Connection c, long accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ram_role WHERE account_id = ?")) {
            s.setLong(1, accountId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    static void update(Connection c, RoleRow role) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ram_role SET description = ?, trust_policy = ?, "
                + "max_session_duration = ?, update_date = ? WHERE account_id = ? AND role_id = ?")) {
            s.setString(1, role.description());
            s.setString(2, role.trustPolicy());
            s.setInt(3, role.maxSessionDuration());
            s.setObject(4, RamDates.write(role.updateDate()));
            s.setLong(5, role.accountId());
            s.setString(6, role.roleId());
            s.executeUpdate();
        }
    }

    static void delete(Connection c, RoleRow role) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ram_role WHERE account_id = ? AND role_id = ?")) {
            s.setLong(1, role.accountId());
            s.setString(2, role.roleId());
            s.executeUpdate();
        }
    }

    /** Up to {@code limit} roles whose key sorts after {@code afterKey} (null: from the first), by key. */
    static List<RoleRow> page(Connection c, long accountId, String afterKey, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ram_role WHERE account_id = ? "
                + "AND role_key > ? ORDER BY role_key LIMIT ?")) {
            s.setLong(1, accountId);
            s.setString(2, afterKey == null ? "" : afterKey);
            s.setInt(3, limit);
            List<RoleRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        }
    }

    private static RoleRow row(ResultSet r) throws SQLException {
        return new RoleRow(r.getLong("account_id"), r.getString("role_id"), r.getString("role_name"),
                r.getString("description"), r.getString("trust_policy"), r.getInt("max_session_duration"),
                RamDates.read(r, "create_date"), RamDates.read(r, "update_date"));
    }
}
