package cloud.swas.api;

import cloud.swas.throttle.PendingAdmission;

/**
 * One API action: its parameters, their validation and its result live in the implementing class.
 * Implementations are CDI beans; the {@link OperationRegistry} finds them by {@link #action()}, so
 * adding an action means adding one class.
 *
 * @param <I> the validated input of the action
 */
public interface ApiOperation<I> {

    /** The {@code Action} parameter value this class serves. */
    String action();

    /** Reads and validates the action's parameters; throws {@link ApiException} for bad input. */
    I bind(ApiParameters parameters);

    /**
     * Runs the action for the authenticated caller. The returned record is rendered as the response
     * fields next to {@code RequestId} (Jackson, upper-camel-case names). Annotate the record (and any
     * record it contains) with {@code @RegisterForReflection} so that the native executable can serialize it.
     */
    Object execute(CallContext context, I input);

    /**
     * Runs the action as the first thing of a call that is not admitted yet. The default admits it with a
     * statement of its own, then runs {@link #execute(CallContext, Object)}. An action whose whole change is
     * one statement may override this to embed the admission in that statement ({@link PendingAdmission}
     * says how), saving a round trip and a commit per call.
     */
    default Object execute(CallContext context, I input, PendingAdmission admission) {
        admission.admit();
        return execute(context, input);
    }

    /** Mutating actions take part in ClientToken idempotency. */
    default boolean mutating() {
        return false;
    }
}
