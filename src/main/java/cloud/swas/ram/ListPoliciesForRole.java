package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** The policies attached to a RAM role, system and custom, in the order they were attached. */
@ApplicationScoped
public class ListPoliciesForRole implements ApiOperation<ListPoliciesForRole.Input> {

    public record Input(String roleName) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.AttachedPolicyList policies) {
    }

    private final RamDb db;

    ListPoliciesForRole(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "ListPoliciesForRole";
    }

    @Override
    public String version() {
        return Products.RAM;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input(RamParameters.roleName(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onRole(context, action(), input.roleName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> {
            RoleRow role = Roles.find(c, context.accountId(), input.roleName());
            return new Result(new RamViews.AttachedPolicyList(
                    Attaching.list(c, context.accountId(), Attaching.ROLE, role.roleId())));
        });
    }
}
