package cloud.swas.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

/** Binds an operation's parameters and runs it; the seam where cross-cutting execution policy lives. */
@ApplicationScoped
public class OperationExecutor {

    private final ResponseRenderer renderer;

    OperationExecutor(ResponseRenderer renderer) {
        this.renderer = renderer;
    }

    /** The outcome of one call: the success body, and whether it was replayed from an earlier call. */
    public record Outcome(ObjectNode body, boolean replayed) {
    }

    public <I> Outcome execute(ApiOperation<I> operation, CallContext context, ApiParameters parameters) {
        if (operation.mutating()) {
            clientToken(parameters);
        }
        I input = operation.bind(parameters);
        Object result = operation.execute(context, input);
        return new Outcome(renderer.successBody(context.requestId(), result), false);
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
