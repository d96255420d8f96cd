package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** One version of a system or custom policy; {@code EntityNotExist.Policy.Version} when it has no such version. */
@ApplicationScoped
public class GetPolicyVersion implements ApiOperation<GetPolicyVersion.Input> {

    public record Input(String policyType, String policyName, String versionId) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.PolicyVersion policyVersion) {
    }

    private final RamDb db;

    GetPolicyVersion(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "GetPolicyVersion";
    }

    @Override
    public String version() {
        return Products.RAM;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input(RamParameters.policyType(parameters, true), RamParameters.policyName(parameters),
                RamParameters.versionId(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onPolicy(context, action(), input.policyName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> new Result(PolicyVersions.of(c, context.accountId(), input.policyType(), input.policyName())
                .stream().filter(v -> v.versionId().equals(input.versionId())).findFirst()
                .orElseThrow(ApiError.POLICY_VERSION_NOT_FOUND::exception)));
    }
}
