package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Deletes one of a RAM user's keys; from then on the key is unknown ({@code InvalidAccessKeyId.NotFound}), on this
 * replica from the next call, on the others within their key cache's bound. A key the user does not hold is
 * {@code EntityNotExist.User.AccessKey}.
 */
@ApplicationScoped
public class DeleteAccessKey implements ApiOperation<DeleteAccessKey.Input> {

    public record Input(String userName, String accessKeyId) {
    }

    private final RamDb db;
    private final KeyCache keyCache;

    DeleteAccessKey(RamDb db, KeyCache keyCache) {
        this.db = db;
        this.keyCache = keyCache;
    }

    @Override
    public String action() {
        return "DeleteAccessKey";
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
        return new Input(RamParameters.optionalUserName(parameters), RamParameters.accessKeyId(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onUser(context, action(), RamParameters.userNameOrSelf(context, input.userName()));
    }

    @Override
    public Object execute(CallContext context, Input input) {
        String userName = RamParameters.userNameOrSelf(context, input.userName());
        return db.run(c -> {
            UserRow user = Users.lock(c, context.accountId(), userName);
            if (!UserKeys.delete(c, user, input.accessKeyId())) {
                throw ApiError.USER_ACCESS_KEY_NOT_FOUND.exception();
            }
            keyCache.forget(List.of(input.accessKeyId()));
            return null;
        });
    }
}
