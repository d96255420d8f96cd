package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** One RAM role of the caller's account with its trust policy; {@code EntityNotExist.Role} when there is none. */
@ApplicationScoped
public class GetRole implements ApiOperation<GetRole.Input> {

    public record Input(String roleName) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.Role role) {
    }

    private final RamDb db;

    GetRole(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "GetRole";
    }

    @Override
    public String version() {
        return Products.RAM;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input(RamParameters.roleName(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onRole(context, action(), input.roleName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> new Result(RamViews.Role.of(Roles.find(c, context.accountId(), input.roleName()), true,
                true)));
    }
}
