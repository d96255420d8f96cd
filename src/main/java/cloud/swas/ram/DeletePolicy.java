package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes a custom policy (a system policy is no custom one: {@code EntityNotExist.Policy}). Refused while it is
 * attached ({@code DeleteConflict.Policy.User}, {@code DeleteConflict.Policy.Role}) or, unless
 * {@code CascadingDelete=true}, while it has versions besides its default one ({@code DeleteConflict.Policy.Version}).
 * Checked under the policy row's exclusive lock; every attach holds a share lock on it until it commits, so an
 * attachment cannot appear between the check and the delete.
 */
@ApplicationScoped
public class DeletePolicy implements ApiOperation<DeletePolicy.Input> {

    public record Input(String policyName, boolean cascadingDelete) {
    }

    private final RamDb db;

    DeletePolicy(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "DeletePolicy";
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
        Boolean cascading = parameters.bool("CascadingDelete");
        return new Input(RamParameters.policyName(parameters), Boolean.TRUE.equals(cascading));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onPolicy(context, action(), input.policyName());
    }

    @Override
    public Object execute(CallContext context, Input input) {
        return db.run(c -> {
            PolicyRow policy = Policies.find(c, context.accountId(), input.policyName(), Policies.Lock.UPDATE);
            if (Attachments.attachedTo(c, context.accountId(), RamParameters.CUSTOM, policy.policyKey(),
                    Attachments.USER)) {
                throw ApiError.POLICY_ATTACHED_TO_USER.exception();
            }
            if (Attachments.attachedTo(c, context.accountId(), RamParameters.CUSTOM, policy.policyKey(),
                    Attachments.ROLE)) {
                throw ApiError.POLICY_ATTACHED_TO_ROLE.exception();
            }
            if (!input.cascadingDelete() && Policies.versions(c, policy).size() > 1) {
                throw ApiError.POLICY_HAS_VERSIONS.exception();
            }
            Policies.delete(c, policy);
            return null;
        });
    }
}
