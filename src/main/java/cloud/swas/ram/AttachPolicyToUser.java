package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Attaches a system or custom policy ({@code PolicyType}, {@code PolicyName}) to a RAM user: {@code EntityNotExist.User}, {@code EntityNotExist.Policy}, {@code EntityAlreadyExists.User.Policy}, {@code LimitExceeded.User.Policy}. The
 * user's row is locked first, so that DeleteUser and the per-user limit hold under concurrent calls; the policy's
 * row is share-locked, so that DeletePolicy cannot remove it meanwhile.
 */
@ApplicationScoped
public class AttachPolicyToUser implements ApiOperation<AttachPolicyToUser.Input> {

    public record Input(String policyType, String policyName, String userName) {
    }

    private final RamDb db;

    AttachPolicyToUser(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "AttachPolicyToUser";
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
        return new Input(RamParameters.policyType(parameters, true), RamParameters.policyName(parameters),
                RamParameters.userName(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onBoth(context, action(), RamArns.user(context, input.userName()), input.policyName());
    }

    @Override
    public Object execute(CallContext context, Input input) {
        return db.run(c -> {
            UserRow user = Users.lock(c, context.accountId(), input.userName());
            Attaching.attach(c, context.accountId(), Attaching.USER, user.userId(), input.policyType(), input.policyName(),
                    context.receivedAt());
            return null;
        });
    }
}
