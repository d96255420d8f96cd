package cloud.swas.policy;

/**
 * The outcome of evaluating a principal's policies for one call.
 *
 * @param allowed          whether every resource of the call is allowed
 * @param explicitDeny     when not allowed: a Deny statement matched ({@code ExplicitDeny}), else {@code ImplicitDeny}
 * @param deniedBySession  when not allowed: the session policy is what denied ({@code PolicyType SessionPolicy})
 */
public record Decision(boolean allowed, boolean explicitDeny, boolean deniedBySession) {

    public static final Decision ALLOW = new Decision(true, false, false);
}
