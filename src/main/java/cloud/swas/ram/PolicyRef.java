package cloud.swas.ram;

import cloud.swas.api.ApiError;
import java.sql.Connection;
import java.sql.SQLException;

/** A policy named by {@code PolicyType} and {@code PolicyName}: a system policy, or one of the account's custom ones. */
record PolicyRef(String type, String key, String name, String description, String defaultVersion) {

    /** The policy, or {@code EntityNotExist.Policy}; a custom policy's row locked as {@code lock} says. */
    static PolicyRef resolve(Connection c, long accountId, String type, String name, Policies.Lock lock)
            throws SQLException {
        if (RamParameters.SYSTEM.equals(type)) {
            return SystemPolicies.find(name)
                    .map(p -> new PolicyRef(type, p.key(), p.name(), p.description(), SystemPolicies.DEFAULT_VERSION))
                    .orElseThrow(ApiError.POLICY_NOT_FOUND::exception);
        }
        PolicyRow row = Policies.find(c, accountId, name, lock);
        return new PolicyRef(type, row.policyKey(), row.policyName(), row.description(), row.defaultVersion());
    }
}
