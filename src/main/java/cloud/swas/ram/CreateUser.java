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
 * Creates a RAM user. Names are unique per account without regard to case ({@code EntityAlreadyExists.User}); an
 * account holds at most {@code swas.ram.max-users} users ({@code LimitExceeded.User}), counted under the account
 * row's lock so that concurrent creates cannot both pass.
 */
@ApplicationScoped
public class CreateUser implements ApiOperation<CreateUser.Input> {

    public record Input(String userName, String displayName, String comments) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.User user) {
    }

    private final RamDb db;
    private final RamIds ids;
    private final RamConfig config;

    CreateUser(RamDb db, RamIds ids, RamConfig config) {
        this.db = db;
        this.ids = ids;
        this.config = config;
    }

    @Override
    public String action() {
        return "CreateUser";
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
        return new Input(RamParameters.userName(parameters),
                RamParameters.displayName(parameters, "DisplayName", ApiError.DISPLAY_NAME_LENGTH,
                        ApiError.DISPLAY_NAME_INVALID_CHARS),
                RamParameters.text(parameters, "Comments", RamParameters.MAX_COMMENTS, ApiError.COMMENTS_LENGTH));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onUser(context, action(), input.userName());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return db.run(c -> {
            Accounts.lock(c, context.accountId());
            if (Users.nameTaken(c, context.accountId(), input.userName(), null)) {
                throw ApiError.USER_EXISTS.exception();
            }
            if (Users.count(c, context.accountId()) >= config.maxUsers()) {
                throw ApiError.USER_LIMIT.exception();
            }
            while (true) {
                UserRow user = Users.created(context.accountId(), ids.entityId(), input.userName(),
                        input.displayName(), input.comments(), context.receivedAt());
                if (Users.insert(c, user)) {
                    return new Result(RamViews.User.of(user, false));
                }
                // Under the account's lock the name is still free: the random ID was taken; draw another.
            }
        });
    }
}
