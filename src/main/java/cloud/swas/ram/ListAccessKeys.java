package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** A RAM user's access keys (the calling user's when {@code UserName} is absent), oldest first, without secrets. */
@ApplicationScoped
public class ListAccessKeys implements ApiOperation<ListAccessKeys.Input> {

    public record Input(String userName) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.AccessKeyList accessKeys) {
    }

    private final RamDb db;

    ListAccessKeys(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "ListAccessKeys";
    }

    @Override
    public String version() {
        return Products.RAM;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input(RamParameters.optionalUserName(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onUser(context, action(), RamParameters.userNameOrSelf(context, input.userName()));
    }

    @Override
    public Result execute(CallContext context, Input input) {
        String userName = RamParameters.userNameOrSelf(context, input.userName());
        return db.run(c -> new Result(new RamViews.AccessKeyList(
                UserKeys.of(c, Users.find(c, context.accountId(), userName)).stream()
                        .map(k -> new RamViews.AccessKey(k.accessKeyId(), null, k.status(),
                                RamDates.format(k.createDate())))
                        .toList())));
    }
}
