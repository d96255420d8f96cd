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
 * Sets one of a RAM user's keys {@code Active} or {@code Inactive}. An inactive key is refused at authentication
 * ({@code InvalidAccessKeyId.Inactive}): on this replica from the next call, on the others within their key
 * cache's bound (contract 11.8). A key the user does not hold is {@code EntityNotExist.User.AccessKey}.
 */
@ApplicationScoped
public class UpdateAccessKey implements ApiOperation<UpdateAccessKey.Input> {

    public record Input(String userName, String accessKeyId, String status) {
    }

    private final RamDb db;
    private final KeyCache keyCache;

    UpdateAccessKey(RamDb db, KeyCache keyCache) {
        this.db = db;
        this.keyCache = keyCache;
    }

    @Override
    public String action() {
        return "UpdateAccessKey";
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
        String userName = RamParameters.optionalUserName(parameters);
        String accessKeyId = RamParameters.accessKeyId(parameters);
        String status = parameters.required("Status");
        if (!"Active".equals(status) && !"Inactive".equals(status)) {
            throw ApiError.INVALID_PARAMETER.exception("Status");
        }
        return new Input(userName, accessKeyId, status);
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
            if (!UserKeys.setStatus(c, user, input.accessKeyId(), input.status())) {
                throw ApiError.USER_ACCESS_KEY_NOT_FOUND.exception();
            }
            keyCache.forget(List.of(input.accessKeyId()));
            return null;
        });
    }
}
