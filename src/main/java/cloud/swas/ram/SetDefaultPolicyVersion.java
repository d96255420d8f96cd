package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes one of a custom policy's versions the one in force. Every principal the policy is attached to is governed by
 * the new version from the next call on this replica and within the policy cache's bound elsewhere (contract 11.8).
 */
@ApplicationScoped
public class SetDefaultPolicyVersion implements ApiOperation<SetDefaultPolicyVersion.Input> {

    public record Input(String policyName, String versionId) {
    }

    private final RamDb db;

    SetDefaultPolicyVersion(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "SetDefaultPolicyVersion";
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
            Policies.update(c, new PolicyRow(policy.accountId(), policy.policyName(), policy.policyKey(),
                    policy.description(), input.versionId(), policy.lastVersion(), policy.createDate(),
                    context.receivedAt()));
            return null;
        });
    }
}
