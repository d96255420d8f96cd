package cloud.swas.api;

/**
 * One API action of one product: its parameters, their validation and its result live in the
 * implementing class. Implementations are CDI beans, found by {@link #version()} and {@link #action()},
 * so adding an action means adding one class, and adding a product means adding a package of them.
 *
 * @param <I> the validated input of the action
 */
public interface ApiOperation<I> {

    /** The {@code Action} parameter value this class serves (case-sensitive). */
    String action();

    /** The API version of the action's product, e.g. {@link Products#SWAS_OPEN} or {@link Products#ECS}. */
    String version();

    /** Reads and validates the action's parameters; throws {@link ApiException} for bad input. */
    I bind(ApiParameters parameters);

    /**
     * Runs the action for the authenticated caller, inside the transaction the pipeline opened for it. The
     * returned record is rendered as the response fields next to {@code RequestId} (Jackson, upper-camel-case
     * names). Annotate the record (and any record it contains) with {@code @RegisterForReflection} so that
     * the native executable can serialize it.
     */
    Object execute(CallContext context, I input);

    /**
     * What this call needs from a RAM principal's policies (contract 11.4), from its validated input: the RAM
     * action and the ARN of each resource it acts on, or {@link RamRequirement#none()}. The pipeline authorizes
     * every call with it before anything changes, so an action cannot forget its check; abstract, so an action
     * that declares nothing does not compile.
     */
    RamRequirement requires(CallContext context, I input);

    /** Mutating actions take part in ClientToken idempotency. */
    default boolean mutating() {
        return false;
    }

    /** Actions that the live API accepts by POST only answer a GET with {@code UnsupportedHTTPMethod}. */
    default boolean postOnly() {
        return false;
    }
}
