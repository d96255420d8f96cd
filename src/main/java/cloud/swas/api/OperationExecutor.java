package cloud.swas.api;

import cloud.swas.idempotency.IdempotentExecutor;
import cloud.swas.idempotency.RequestFingerprint;
import cloud.swas.throttle.PendingAdmission;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Binds an operation's parameters and runs it after, or together with, the call's admission (nonce and
 * quota). Mutating operations that carry a ClientToken run through the idempotency mechanism, the same
 * way for every such operation.
 */
@ApplicationScoped
public class OperationExecutor {

    private final ResponseRenderer renderer;
    private final IdempotentExecutor idempotency;

    OperationExecutor(ResponseRenderer renderer, IdempotentExecutor idempotency) {
        this.renderer = renderer;
        this.idempotency = idempotency;
    }

    public <I> Outcome execute(ApiOperation<I> operation, CallContext context, ApiParameters parameters,
                               PendingAdmission admission) {
        String clientToken;
        I input;
        try {
            clientToken = operation.mutating() ? clientToken(parameters) : null;
            // Validation first: a request that is refused for its input never touches the token table.
            input = operation.bind(parameters);
        } catch (ApiException e) {
            // Still an authenticated call: it counts, and a replay or an over-quota call is told so first.
            admission.admit();
            throw e;
        }
        if (clientToken == null) {
            return new Outcome(renderer.successBody(context.requestId(), operation.execute(context, input, admission)),
                    false);
        }
        // Admitted by its own statement, not inside the token's transaction: the quota row is the account's, and
        // holding its lock until that commit would queue all of an account's calls behind a slow one and make a
        // duplicate wait past the idempotency bound (TokenExpiryAndBoundTest).
        admission.admit();
        return idempotency.execute(context, clientToken, RequestFingerprint.of(parameters),
                () -> renderer.successBody(context.requestId(), operation.execute(context, input)));
    }

    /** The optional {@code ClientToken}: printable ASCII, at most 64 characters (case-sensitive). */
    static String clientToken(ApiParameters parameters) {
        String token = parameters.optional("ClientToken");
        if (token != null && (token.length() > 64 || !token.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw ApiError.INVALID_PARAMETER.exception("ClientToken");
        }
        return token;
    }
}
