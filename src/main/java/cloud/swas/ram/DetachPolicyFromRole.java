package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Detaches a policy from a RAM role; a policy that exists but is not attached to it is {@code EntityNotExist.Role.Policy}. What the
 * policy allowed stops as contract 11.8 says.
 */
@ApplicationScoped
public class DetachPolicyFromRole implements ApiOperation<DetachPolicyFromRole.Input> {

    public record Input(String policyType, String policyName, String roleName) {
    }

    private final RamDb db;

    DetachPolicyFromRole(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "DetachPolicyFromRole";
    }

    @Override
    public String version() {
        return Products.RAM;
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input(RamParameters.policyType(parameters, true), RamParameters.policyName(parameters),
                RamParameters.roleName(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onBoth(context, action(), RamArns.role(context, input.roleName()), input.policyName());
    }

    @Override
    public Object execute(CallContext context, Input input) {
        return db.run(c -> {
            RoleRow role = Roles.lock(c, context.accountId(), input.roleName());
            Attaching.detach(c, context.accountId(), Attaching.ROLE, role.roleId(), input.policyType(), input.policyName());
            return null;
        });
    }
}
