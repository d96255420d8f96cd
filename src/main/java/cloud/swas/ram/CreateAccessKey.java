package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import cloud.swas.auth.SecretCipher;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Creates an access key for a RAM user (the calling user when {@code UserName} is absent) and returns its secret,
 * the only time it is ever shown; the secret is stored encrypted like every other ({@link SecretCipher}). A user
 * holds at most 2 keys ({@code LimitExceeded.User.AccessKey}), counted under the user row's lock.
 *
 * <p>Not {@link #mutating()} on purpose: ClientToken idempotency stores the response to replay it, and this
 * response holds a secret that must not be kept anywhere in plaintext.
 */
@ApplicationScoped
public class CreateAccessKey implements ApiOperation<CreateAccessKey.Input> {

    static final int MAX_KEYS = 2;

    public record Input(String userName) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(RamViews.AccessKey accessKey) {
    }

    private final RamDb db;
    private final RamIds ids;
    private final SecretCipher cipher;

    CreateAccessKey(RamDb db, RamIds ids, SecretCipher cipher) {
        this.db = db;
        this.ids = ids;
        this.cipher = cipher;
    }

    @Override
    public String action() {
        return "CreateAccessKey";
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
        return db.run(c -> {
            UserRow user = Users.lock(c, context.accountId(), userName);
            if (UserKeys.of(c, user).size() >= MAX_KEYS) {
                throw ApiError.USER_ACCESS_KEY_LIMIT.exception();
            }
            String secret = ids.accessKeySecret();
            while (true) {
                String accessKeyId = ids.accessKeyId();
                if (UserKeys.insert(c, user, accessKeyId, cipher.encrypt(accessKeyId, secret), context.receivedAt())) {
                    return new Result(new RamViews.AccessKey(accessKeyId, secret, "Active",
                            RamDates.format(context.receivedAt())));
                }
            }
        });
    }
}
