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
 * Creates a custom policy with its first version, {@code v1}. The document is validated by the policy engine here,
 * once ({@code MalformedPolicyDocument} naming what is wrong; longer than 6,144 characters
 * {@code InvalidParameter.PolicyDocument.Length}), never at call time. Names are unique per account without regard
 * to case, and a system policy's name cannot be taken ({@code EntityAlreadyExists.Policy}); an account holds at most
 * {@code swas.ram.max-policies} custom policies ({@code LimitExceeded.Policy}).
 */
@ApplicationScoped
public class CreatePolicy implements ApiOperation<CreatePolicy.Input> {

    public record Input(String policyName, String policyDocument, String description) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.Policy policy) {
    }

    private final RamDb db;
    private final RamConfig config;

    CreatePolicy(RamDb db, RamConfig config) {
        this.db = db;
        this.config = config;
    }

    @Override
    public String action() {
        return "CreatePolicy";
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
        String description = RamParameters.text(parameters, "Description", RamParameters.MAX_DESCRIPTION,
                ApiError.DESCRIPTION_LENGTH);
        String document = RamParameters.policyDocument(parameters, "PolicyDocument", ApiError.POLICY_DOCUMENT_LENGTH);
        return new Input(name, document, description);
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onPolicy(context, action(), input.policyName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        if (SystemPolicies.find(input.policyName()).isPresent()) {
            throw ApiError.POLICY_EXISTS.exception();
        }
        return db.run(c -> {
            Accounts.lock(c, context.accountId());
            if (Policies.count(c, context.accountId()) >= config.maxPolicies()) {
                throw ApiError.POLICY_LIMIT.exception();
            }
            PolicyRow policy = new PolicyRow(context.accountId(), input.policyName(),
                    RamParameters.key(input.policyName()), input.description(), "v1", 1, context.receivedAt(),
                    context.receivedAt());
            if (!Policies.insert(c, policy)) {
                throw ApiError.POLICY_EXISTS.exception();
            }
            Policies.insertVersion(c, policy, "v1", input.policyDocument(), context.receivedAt());
            String created = RamDates.format(context.receivedAt());
            return new Result(new RamViews.Policy(policy.policyName(), RamParameters.CUSTOM, policy.description(),
                    "v1", created, null, null, null));
        });
    }
}
