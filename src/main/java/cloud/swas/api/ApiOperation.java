package cloud.swas.api;

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

    /** Mutating actions take part in ClientToken idempotency. */
    default boolean mutating() {
        return false;
    }
}
