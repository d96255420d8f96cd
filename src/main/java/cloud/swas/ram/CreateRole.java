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
 * Creates a RAM role: its trust policy ({@code AssumeRolePolicyDocument}, validated by the policy engine as a trust
 * policy: {@code MalformedPolicyDocument} naming what is wrong), {@code MaxSessionDuration} 3600 to 43200 s (default
 * 3600). Names are unique per account without regard to case ({@code EntityAlreadyExists.Role}); at most
 * {@code swas.ram.max-roles} roles ({@code LimitExceeded.Role}), counted under the account row's lock.
 */
@ApplicationScoped
public class CreateRole implements ApiOperation<CreateRole.Input> {

    public record Input(String roleName, String trustPolicy, String description, int maxSessionDuration) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.Role role) {
    }

    private final RamDb db;
    private final RamIds ids;
    private final RamConfig config;

    CreateRole(RamDb db, RamIds ids, RamConfig config) {
        this.db = db;
        this.ids = ids;
        this.config = config;
    }

    @Override
    public String action() {
        return "CreateRole";
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
        String description = RamParameters.text(parameters, "Description", RamParameters.MAX_DESCRIPTION,
                ApiError.DESCRIPTION_LENGTH);
        Integer duration = RamParameters.sessionDuration(parameters, "MaxSessionDuration");
        String trust = RamParameters.trustPolicy(parameters, "AssumeRolePolicyDocument", true,
                ApiError.ASSUME_ROLE_POLICY_DOCUMENT_LENGTH);
        return new Input(name, trust, description, duration == null ? RamParameters.MIN_SESSION : duration);
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onRole(context, action(), input.roleName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> {
            Accounts.lock(c, context.accountId());
            if (Roles.nameTaken(c, context.accountId(), input.roleName())) {
                throw ApiError.ROLE_EXISTS.exception();
            }
            if (Roles.count(c, context.accountId()) >= config.maxRoles()) {
                throw ApiError.ROLE_LIMIT.exception();
            }
            while (true) {
                RoleRow role = new RoleRow(context.accountId(), ids.entityId(), input.roleName(), input.description(),
                        input.trustPolicy(), input.maxSessionDuration(), context.receivedAt(), context.receivedAt());
                if (Roles.insert(c, role)) {
                    return new Result(RamViews.Role.of(role, true, false));
                }
                // Under the account's lock the name is still free: the random ID was taken; draw another.
            }
        });
    }
}
