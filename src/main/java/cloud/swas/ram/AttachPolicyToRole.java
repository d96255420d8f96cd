package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Attaches a system or custom policy ({@code PolicyType}, {@code PolicyName}) to a RAM role: {@code EntityNotExist.Role}, {@code EntityNotExist.Policy}, {@code EntityAlreadyExists.Role.Policy}, {@code LimitExceeded.Role.Policy}. The
 * role's row is locked first, so that DeleteRole and the per-role limit hold under concurrent calls; the policy's
 * row is share-locked, so that DeletePolicy cannot remove it meanwhile.
 */
@ApplicationScoped
public class AttachPolicyToRole implements ApiOperation<AttachPolicyToRole.Input> {

    public record Input(String policyType, String policyName, String roleName) {
    }

    private final RamDb db;

    AttachPolicyToRole(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "AttachPolicyToRole";
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
            Attaching.attach(c, context.accountId(), Attaching.ROLE, role.roleId(), input.policyType(), input.policyName(),
                    context.receivedAt());
            return null;
        });
    }
}
