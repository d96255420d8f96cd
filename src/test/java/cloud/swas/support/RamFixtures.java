package cloud.swas.support;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RAM roles and attachments written straight into the database (V10's tables), for the STS tests: what the RAM API
 * will create, without depending on it. Role IDs are new on every run, like the accounts.
 */
public final class RamFixtures {

    private static final AtomicLong NEXT_ID = new AtomicLong(300_000_000_000_000_000L + System.nanoTime() % 1_000_000_000L * 1000);

    private final Db db;

    public RamFixtures(Db db) {
        this.db = db;
    }

    /** A trust policy allowing {@code sts:AssumeRole} to the given RAM principals' ARNs. */
    public static String trust(String... principals) {
        StringBuilder list = new StringBuilder();
        for (String principal : principals) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(principal).append('"');
        }
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Principal\":{\"RAM\":[" + list + "]}}]}";
    }

    public static String root(long accountId) {
        return "acs:ram::" + accountId + ":root";
    }

    public static String user(long accountId, String userName) {
        return "acs:ram::" + accountId + ":user/" + userName;
    }

    /** Creates a role and returns its role ID. */
    public String createRole(long accountId, String roleName, String trustPolicy, int maxSessionDuration) {
        String roleId = Long.toString(NEXT_ID.incrementAndGet());
        db.update("INSERT INTO account (account_id) VALUES (?) ON CONFLICT DO NOTHING", accountId);
        db.update("INSERT INTO ram_role (account_id, role_id, role_name, trust_policy, max_session_duration, "
                        + "create_date, update_date) VALUES (?, ?, ?, ?, ?, now(), now())",
                accountId, roleId, roleName, trustPolicy, maxSessionDuration);
        return roleId;
    }

    public void deleteRole(long accountId, String roleId) {
        db.update("DELETE FROM ram_attachment WHERE account_id = ? AND principal_kind = 'Role' AND principal_id = ?",
                accountId, roleId);
        db.update("DELETE FROM ram_role WHERE account_id = ? AND role_id = ?", accountId, roleId);
    }

    /** Attaches a system policy (e.g. {@code AliyunSWASFullAccess}) to a role. */
    public void attachSystemPolicyToRole(long accountId, String roleId, String policyName) {
        db.update("INSERT INTO ram_attachment (account_id, principal_kind, principal_id, policy_type, policy_key, "
                        + "attach_date) VALUES (?, 'Role', ?, 'System', ?, ?) ON CONFLICT DO NOTHING",
                accountId, roleId, policyName.toLowerCase(Locale.ROOT), java.sql.Timestamp.from(Instant.now()));
    }

    /** A role with the given system policies attached, trusting its own account's RAM principals. */
    public String roleWithPolicies(long accountId, String roleName, String... systemPolicies) {
        String roleId = createRole(accountId, roleName, trust(root(accountId)), 3600);
        for (String policy : systemPolicies) {
            attachSystemPolicyToRole(accountId, roleId, policy);
        }
        return roleId;
    }
}
