package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes a RAM role without attached policies ({@code DeleteConflict.Role.Policy} otherwise), checked under the
 * role row's lock, which AttachPolicyToRole takes too.
 */
@ApplicationScoped
public class DeleteRole implements ApiOperation<DeleteRole.Input> {

    public record Input(String roleName) {
    }

    private final RamDb db;

    DeleteRole(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "DeleteRole";
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
        return new Input(RamParameters.roleName(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onRole(context, action(), input.roleName());
    }

    @Override
    public Object execute(CallContext context, Input input) {
        return db.run(c -> {
            RoleRow role = Roles.lock(c, context.accountId(), input.roleName());
            if (!Attachments.of(c, role.accountId(), Attachments.ROLE, role.roleId()).isEmpty()) {
                throw ApiError.ROLE_HAS_POLICY.exception();
            }
            Roles.delete(c, role);
            return null;
        });
    }
}
