package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Detaches a policy from a RAM user; a policy that exists but is not attached to it is {@code EntityNotExist.User.Policy}. What the
 * policy allowed stops as contract 11.8 says.
 */
@ApplicationScoped
public class DetachPolicyFromUser implements ApiOperation<DetachPolicyFromUser.Input> {

    public record Input(String policyType, String policyName, String userName) {
    }

    private final RamDb db;

    DetachPolicyFromUser(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "DetachPolicyFromUser";
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
            Attaching.detach(c, context.accountId(), Attaching.USER, user.userId(), input.policyType(), input.policyName());
            return null;
        });
    }
}
