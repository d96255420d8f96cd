package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A system or custom policy ({@code PolicyType} and {@code PolicyName}, both required), with how many users and roles
 * of the account it is attached to and its default version's document, also as {@code DefaultPolicyVersion}.
 */
@ApplicationScoped
public class GetPolicy implements ApiOperation<GetPolicy.Input> {

    public record Input(String policyType, String policyName) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.Policy policy, RamViews.PolicyVersion defaultPolicyVersion) {
    }

    private final RamDb db;

    GetPolicy(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "GetPolicy";
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
        return db.run(c -> {
            PolicyRef ref = PolicyRef.resolve(c, context.accountId(), input.policyType(), input.policyName(),
                    Policies.Lock.NONE);
            int attachments = Attachments.count(c, context.accountId(), ref.type(), ref.key());
            if (RamParameters.SYSTEM.equals(ref.type())) {
                SystemPolicies.SystemPolicy system = SystemPolicies.find(ref.name()).orElseThrow();
                String created = RamDates.format(SystemPolicies.CREATED);
                return new Result(new RamViews.Policy(system.name(), ref.type(), system.description(),
                        SystemPolicies.DEFAULT_VERSION, created, created, attachments, system.document()),
                        new RamViews.PolicyVersion(SystemPolicies.DEFAULT_VERSION, true, system.document(), created));
            }
            PolicyRow row = Policies.find(c, context.accountId(), input.policyName(), Policies.Lock.NONE);
            Policies.VersionRow version = Policies.version(c, row, row.defaultVersion()).orElseThrow();
            return new Result(new RamViews.Policy(row.policyName(), ref.type(), row.description(),
                    row.defaultVersion(), RamDates.format(row.createDate()), RamDates.format(row.updateDate()),
                    attachments, version.document()),
                    new RamViews.PolicyVersion(version.versionId(), true, version.document(),
                            RamDates.format(version.createDate())));
        });
    }
}
