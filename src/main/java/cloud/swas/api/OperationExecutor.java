package cloud.swas.api;

import cloud.swas.idempotency.IdempotentExecutor;
import cloud.swas.idempotency.RequestFingerprint;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Binds an operation's parameters and runs it. Mutating operations that carry a ClientToken run
 * through the idempotency mechanism, the same way for every such operation.
 */
@ApplicationScoped
public class OperationExecutor {

    private final ResponseRenderer renderer;
    private final IdempotentExecutor idempotency;

    OperationExecutor(ResponseRenderer renderer, IdempotentExecutor idempotency) {
        this.renderer = renderer;
        this.idempotency = idempotency;
    }

    public <I> Outcome execute(ApiOperation<I> operation, CallContext context, ApiParameters parameters) {
        String clientToken = operation.mutating() ? clientToken(parameters) : null;
        // Validation first: a request that is refused for its input never touches the token table.
        I input = operation.bind(parameters);
        if (clientToken == null) {
            return new Outcome(renderer.successBody(context.requestId(), operation.execute(context, input)), false);
        }
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
