package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Changes a RAM role's trust policy ({@code NewAssumeRolePolicyDocument}, validated as CreateRole's),
 * {@code NewMaxSessionDuration} or {@code NewDescription}; what is not given stays.
 */
@ApplicationScoped
public class UpdateRole implements ApiOperation<UpdateRole.Input> {

    public record Input(String roleName, String newTrustPolicy, Integer newMaxSessionDuration, String newDescription) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.Role role) {
    }

    private final RamDb db;

    UpdateRole(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "UpdateRole";
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
        String name = RamParameters.roleName(parameters);
        String description = RamParameters.text(parameters, "NewDescription", RamParameters.MAX_DESCRIPTION,
                ApiError.NEW_DESCRIPTION_LENGTH);
        Integer duration = RamParameters.sessionDuration(parameters, "NewMaxSessionDuration");
        String trust = RamParameters.trustPolicy(parameters, "NewAssumeRolePolicyDocument", false,
                ApiError.NEW_ASSUME_ROLE_POLICY_DOCUMENT_LENGTH);
        return new Input(name, trust, duration, description);
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onRole(context, action(), input.roleName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> {
            RoleRow role = Roles.lock(c, context.accountId(), input.roleName());
            RoleRow updated = new RoleRow(role.accountId(), role.roleId(), role.roleName(),
                    input.newDescription() != null ? input.newDescription() : role.description(),
                    input.newTrustPolicy() != null ? input.newTrustPolicy() : role.trustPolicy(),
                    input.newMaxSessionDuration() != null ? input.newMaxSessionDuration() : role.maxSessionDuration(),
                    role.createDate(), context.receivedAt());
            Roles.update(c, updated);
            return new Result(RamViews.Role.of(updated, true, true));
        });
    }
}
