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
 * Renames a RAM user or changes its display name or comments; what is not given stays. A new name taken by another
 * user is {@code EntityAlreadyExists.User}. A rename changes the principal of the user's keys (its ARN names the
 * user), so this replica forgets them at once and the others within their key cache's bound.
 */
@ApplicationScoped
public class UpdateUser implements ApiOperation<UpdateUser.Input> {

    public record Input(String userName, String newUserName, String newDisplayName, String newComments) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.User user) {
    }

    private final RamDb db;
    private final KeyCache keyCache;

    UpdateUser(RamDb db, KeyCache keyCache) {
        this.db = db;
        this.keyCache = keyCache;
    }

    @Override
    public String action() {
        return "UpdateUser";
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
        return new Input(RamParameters.userName(parameters), RamParameters.newUserName(parameters),
                RamParameters.displayName(parameters, "NewDisplayName", ApiError.NEW_DISPLAY_NAME_LENGTH,
                        ApiError.NEW_DISPLAY_NAME_INVALID_CHARS),
                RamParameters.text(parameters, "NewComments", RamParameters.MAX_COMMENTS,
                        ApiError.NEW_COMMENTS_LENGTH));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onUser(context, action(), input.userName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> {
            UserRow user = Users.lock(c, context.accountId(), input.userName());
            String name = input.newUserName() != null ? input.newUserName() : user.userName();
            if (input.newUserName() != null
                    && Users.nameTaken(c, context.accountId(), input.newUserName(), user.userId())) {
                throw ApiError.USER_EXISTS.exception();
            }
            UserRow updated = new UserRow(user.accountId(), user.userId(), name,
                    input.newDisplayName() != null ? input.newDisplayName() : user.displayName(),
                    input.newComments() != null ? input.newComments() : user.comments(),
                    user.createDate(), context.receivedAt());
            Users.update(c, updated);
            if (!name.equals(user.userName())) {
                keyCache.forget(UserKeys.of(c, user).stream().map(UserKeys.KeyRow::accessKeyId).toList());
            }
            return new Result(RamViews.User.of(updated, true));
        });
    }
}
