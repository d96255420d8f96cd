package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** The policies attached to a RAM user, system and custom, in the order they were attached. */
@ApplicationScoped
public class ListPoliciesForUser implements ApiOperation<ListPoliciesForUser.Input> {

    public record Input(String userName) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.AttachedPolicyList policies) {
    }

    private final RamDb db;

    ListPoliciesForUser(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "ListPoliciesForUser";
    }

    @Override
    public String version() {
        return Products.RAM;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input(RamParameters.userName(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onUser(context, action(), input.userName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> {
            UserRow user = Users.find(c, context.accountId(), input.userName());
            return new Result(new RamViews.AttachedPolicyList(
                    Attaching.list(c, context.accountId(), Attaching.USER, user.userId())));
        });
    }
}
