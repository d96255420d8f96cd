package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes a RAM user that holds nothing: a user with access keys is {@code DeleteConflict.User.AccessKey}, one with
 * attached policies {@code DeleteConflict.User.Policy}. Checked under the user row's lock, which CreateAccessKey and
 * AttachPolicyToUser take too, so neither can slip in between the check and the delete.
 */
@ApplicationScoped
public class DeleteUser implements ApiOperation<DeleteUser.Input> {

    public record Input(String userName) {
    }

    private final RamDb db;

    DeleteUser(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "DeleteUser";
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
        return new Input(RamParameters.userName(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onUser(context, action(), input.userName());
    }

    @Override
    public Object execute(CallContext context, Input input) {
        return db.run(c -> {
            UserRow user = Users.lock(c, context.accountId(), input.userName());
            if (!UserKeys.of(c, user).isEmpty()) {
                throw ApiError.USER_HAS_ACCESS_KEY.exception();
            }
            if (!Attachments.of(c, user.accountId(), Attachments.USER, user.userId()).isEmpty()) {
                throw ApiError.USER_HAS_POLICY.exception();
            }
            Users.delete(c, user);
            return null;
        });
    }
}
