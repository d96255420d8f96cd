package cloud.swas.ram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The account row, as the lock that serializes an account's creations under a per-account limit. */
final class Accounts {

    private Accounts() {
    }

    /**
     * Holds the account's row until the call's transaction ends, so that two concurrent creations cannot both count
     * below a limit. {@code FOR NO KEY UPDATE} leaves the key-share locks of inserts referencing the account free.
     */
    static void lock(Connection c, long accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM account WHERE account_id = ? FOR NO KEY UPDATE")) {
            s.setLong(1, accountId);
            s.executeQuery().close();
        }
    }
}
