package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Adds a version to a custom policy, validated like CreatePolicy's document; {@code SetAsDefault=true} makes it the
 * one in force. Version IDs count up and are never reused ({@code v1}, {@code v2}, ...). A policy has at most 5
 * versions ({@code LimitExceeded.Policy.Version}), unless {@code RotateStrategy} is
 * {@code DeleteOldestNonDefaultVersionWhenLimitExceeded}: then the oldest version that is not the default goes.
 * Counted under the policy row's exclusive lock, so concurrent calls cannot pass the limit together.
 */
@ApplicationScoped
public class CreatePolicyVersion implements ApiOperation<CreatePolicyVersion.Input> {

    static final int MAX_VERSIONS = 5;
    private static final String ROTATE = "DeleteOldestNonDefaultVersionWhenLimitExceeded";

    public record Input(String policyName, String policyDocument, boolean setAsDefault, boolean rotate) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.PolicyVersion policyVersion) {
    }

    private final RamDb db;

    CreatePolicyVersion(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "CreatePolicyVersion";
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
        String name = RamParameters.policyName(parameters);
        String document = RamParameters.policyDocument(parameters, "PolicyDocument", ApiError.POLICY_DOCUMENT_LENGTH);
        Boolean setAsDefault = parameters.bool("SetAsDefault");
        String rotate = parameters.optional("RotateStrategy");
        if (rotate != null && !"None".equals(rotate) && !ROTATE.equals(rotate)) {
            throw ApiError.INVALID_PARAMETER.exception("RotateStrategy");
        }
        return new Input(name, document, Boolean.TRUE.equals(setAsDefault), ROTATE.equals(rotate));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onPolicy(context, action(), input.policyName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> {
            PolicyRow policy = Policies.find(c, context.accountId(), input.policyName(), Policies.Lock.UPDATE);
            List<Policies.VersionRow> versions = Policies.versions(c, policy);
            if (versions.size() >= MAX_VERSIONS) {
                if (!input.rotate()) {
                    throw ApiError.POLICY_VERSION_LIMIT.exception();
                }
                Policies.deleteVersion(c, policy, versions.stream()
                        .filter(v -> !v.versionId().equals(policy.defaultVersion()))
                        .findFirst().orElseThrow().versionId());
            }
            String versionId = "v" + (policy.lastVersion() + 1);
            Policies.insertVersion(c, policy, versionId, input.policyDocument(), context.receivedAt());
            Policies.update(c, new PolicyRow(policy.accountId(), policy.policyName(), policy.policyKey(),
                    policy.description(), input.setAsDefault() ? versionId : policy.defaultVersion(),
                    policy.lastVersion() + 1, policy.createDate(), context.receivedAt()));
            return new Result(new RamViews.PolicyVersion(versionId, input.setAsDefault(), input.policyDocument(),
                    RamDates.format(context.receivedAt())));
        });
    }
}
