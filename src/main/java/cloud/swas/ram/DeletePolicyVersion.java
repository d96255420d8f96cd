package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes a version of a custom policy other than its default one ({@code DeleteConflict.Policy.Version.Default});
 * under the policy row's exclusive lock, as every change of its versions.
 */
@ApplicationScoped
public class DeletePolicyVersion implements ApiOperation<DeletePolicyVersion.Input> {

    public record Input(String policyName, String versionId) {
    }

    private final RamDb db;

    DeletePolicyVersion(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "DeletePolicyVersion";
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
        return new Input(RamParameters.policyName(parameters), RamParameters.versionId(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onPolicy(context, action(), input.policyName());
    }

    @Override
    public Object execute(CallContext context, Input input) {
        return db.run(c -> {
            PolicyRow policy = Policies.find(c, context.accountId(), input.policyName(), Policies.Lock.UPDATE);
            if (Policies.version(c, policy, input.versionId()).isEmpty()) {
                throw ApiError.POLICY_VERSION_NOT_FOUND.exception();
            }
            if (input.versionId().equals(policy.defaultVersion())) {
                throw ApiError.DEFAULT_POLICY_VERSION.exception();
            }
            Policies.deleteVersion(c, policy, input.versionId());
            return null;
        });
    }
}
