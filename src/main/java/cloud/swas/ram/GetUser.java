package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** One RAM user of the caller's account, by name; {@code EntityNotExist.User} when there is none. */
@ApplicationScoped
public class GetUser implements ApiOperation<GetUser.Input> {

    public record Input(String userName) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.User user) {
    }

    private final RamDb db;

    GetUser(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "GetUser";
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
        return db.run(c -> new Result(RamViews.User.of(Users.find(c, context.accountId(), input.userName()), true)));
    }
}
