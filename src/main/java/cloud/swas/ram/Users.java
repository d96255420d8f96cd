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

/** RAM users of an account, found by name without regard to case (the table's {@code user_key}). */
final class Users {

    private static final String COLUMNS =
            "account_id, user_id, user_name, display_name, comments, create_date, update_date";

    private Users() {
    }

    /** The user, or {@code EntityNotExist.User}. */
    static UserRow find(Connection c, long accountId, String userName) throws SQLException {
        return select(c, accountId, userName, "").orElseThrow(ApiError.USER_NOT_FOUND::exception);
    }

    /**
     * The user, its row locked for the rest of the call's transaction, or {@code EntityNotExist.User}. Whatever
     * changes what the user holds (keys, attachments) or removes it takes this lock first, so a limit counted or a
     * deletion checked under it cannot be overtaken by a concurrent call.
     */
    static UserRow lock(Connection c, long accountId, String userName) throws SQLException {
        return select(c, accountId, userName, " FOR UPDATE").orElseThrow(ApiError.USER_NOT_FOUND::exception);
    }

    private static Optional<UserRow> select(Connection c, long accountId, String userName, String lock)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM ram_user WHERE account_id = ? AND user_key = lower(?)" + lock)) {
            s.setLong(1, accountId);
            s.setString(2, userName);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /**
     * Inserts the user unless its name is taken (then false). {@code ON CONFLICT DO NOTHING} waits for a
     * concurrent insert of the same name and then yields to it, so a name race ends in one user and one refusal.
     */
    static boolean insert(Connection c, UserRow user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ram_user (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setLong(1, user.accountId());
            s.setString(2, user.userId());
            s.setString(3, user.userName());
            s.setString(4, user.displayName());
            s.setString(5, user.comments());
            s.setObject(6, RamDates.write(user.createDate()));
            s.setObject(7, RamDates.write(user.updateDate()));
            return s.executeUpdate() == 1;
        }
    }

    static boolean nameTaken(Connection c, long accountId, String userName, String exceptUserId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM ram_user WHERE account_id = ? AND user_key = lower(?) AND user_id <> ?")) {
            s.setLong(1, accountId);
            s.setString(2, userName);
            s.setString(3, exceptUserId == null ? "" : exceptUserId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static int count(Connection c, long accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ram_user WHERE account_id = ?")) {
            s.setLong(1, accountId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    static void update(Connection c, UserRow user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ram_user SET user_name = ?, display_name = ?, "
                + "comments = ?, update_date = ? WHERE account_id = ? AND user_id = ?")) {
            s.setString(1, user.userName());
            s.setString(2, user.displayName());
            s.setString(3, user.comments());
            s.setObject(4, RamDates.write(user.updateDate()));
            s.setLong(5, user.accountId());
            s.setString(6, user.userId());
            s.executeUpdate();
        }
    }

    static void delete(Connection c, UserRow user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ram_user WHERE account_id = ? AND user_id = ?")) {
            s.setLong(1, user.accountId());
            s.setString(2, user.userId());
            s.executeUpdate();
        }
    }

    /** Up to {@code limit} users whose key sorts after {@code afterKey} (null: from the first), by key. */
    static List<UserRow> page(Connection c, long accountId, String afterKey, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ram_user WHERE account_id = ? "
                + "AND user_key > ? ORDER BY user_key LIMIT ?")) {
            s.setLong(1, accountId);
            s.setString(2, afterKey == null ? "" : afterKey);
            s.setInt(3, limit);
            List<UserRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        }
    }

    private static UserRow row(ResultSet r) throws SQLException {
        return new UserRow(r.getLong("account_id"), r.getString("user_id"), r.getString("user_name"),
                r.getString("display_name"), r.getString("comments"), RamDates.read(r, "create_date"),
                RamDates.read(r, "update_date"));
    }

    /** A new user's row. */
    static UserRow created(long accountId, String userId, String userName, String displayName, String comments,
                           Instant at) {
        return new UserRow(accountId, userId, userName, displayName, comments, at, at);
    }
}
