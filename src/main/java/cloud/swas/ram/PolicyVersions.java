package cloud.swas.ram;

import cloud.swas.api.ApiError;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The versions of a system or custom policy as RAM shows them; a system policy has its one {@code v1}. */
final class PolicyVersions {

    private PolicyVersions() {
    }

    /** Every version of the policy, oldest first; {@code EntityNotExist.Policy} when there is no such policy. */
    static List<RamViews.PolicyVersion> of(Connection c, long accountId, String policyType, String policyName)
            throws SQLException {
        if (RamParameters.SYSTEM.equals(policyType)) {
            SystemPolicies.SystemPolicy system = SystemPolicies.find(policyName)
                    .orElseThrow(ApiError.POLICY_NOT_FOUND::exception);
            return List.of(new RamViews.PolicyVersion(SystemPolicies.DEFAULT_VERSION, true, system.document(),
                    RamDates.format(SystemPolicies.CREATED)));
        }
        PolicyRow policy = Policies.find(c, accountId, policyName, Policies.Lock.NONE);
        return Policies.versions(c, policy).stream()
                .map(v -> new RamViews.PolicyVersion(v.versionId(), v.versionId().equals(policy.defaultVersion()),
                        v.document(), RamDates.format(v.createDate())))
                .toList();
    }
}
