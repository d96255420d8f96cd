package cloud.swas.ram;

import cloud.swas.api.Arns;
import cloud.swas.api.CallContext;
import cloud.swas.api.RamRequirement;
import java.util.List;

/**
 * What each RAM action needs (contract 11.2): {@code ram:<Action>} on {@code acs:ram:*:<account>:user/<name>},
 * {@code role/<name>} or {@code policy/<name>}, as RAM's API reference writes the resources; {@code *} where the
 * call concerns no single entity (the List actions).
 */
final class RamArns {

    private RamArns() {
    }

    static RamRequirement onUser(CallContext context, String action, String userName) {
        return RamRequirement.of("ram:" + action, user(context, userName));
    }

    static RamRequirement onRole(CallContext context, String action, String roleName) {
        return RamRequirement.of("ram:" + action, role(context, roleName));
    }

    static RamRequirement onPolicy(CallContext context, String action, String policyName) {
        return RamRequirement.of("ram:" + action, policy(context, policyName));
    }

    /** Attaching or detaching: both the principal's and the policy's ARN must be allowed. */
    static RamRequirement onBoth(CallContext context, String action, String principalArn, String policyName) {
        return RamRequirement.of("ram:" + action, List.of(principalArn, policy(context, policyName)));
    }

    static RamRequirement onAll(String action) {
        return RamRequirement.of("ram:" + action, "*");
    }

    static String user(CallContext context, String userName) {
        return Arns.of("ram", "*", context.accountId(), "user/" + userName);
    }

    static String role(CallContext context, String roleName) {
        return Arns.of("ram", "*", context.accountId(), "role/" + roleName);
    }

    static String policy(CallContext context, String policyName) {
        return Arns.of("ram", "*", context.accountId(), "policy/" + policyName);
    }
}
