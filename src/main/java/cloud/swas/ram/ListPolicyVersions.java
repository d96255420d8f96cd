package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** Every version of a system or custom policy, oldest first, the default one marked. */
@ApplicationScoped
public class ListPolicyVersions implements ApiOperation<ListPolicyVersions.Input> {

    public record Input(String policyType, String policyName) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.PolicyVersionList policyVersions) {
    }

    private final RamDb db;

    ListPolicyVersions(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "ListPolicyVersions";
    }

    @Override
    public String version() {
        return Products.RAM;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input(RamParameters.policyType(parameters, true), RamParameters.policyName(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onPolicy(context, action(), input.policyName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> new Result(new RamViews.PolicyVersionList(
                PolicyVersions.of(c, context.accountId(), input.policyType(), input.policyName()))));
    }
}
