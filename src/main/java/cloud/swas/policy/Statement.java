package cloud.swas.policy;

/**
 * One compiled statement. A permission statement has action patterns and resource patterns; a trust statement
 * has the principals it names instead of resources.
 */
final class Statement {

    final boolean deny;
    private final Wildcard[] actions;
    private final boolean notAction;
    private final ResourcePattern[] resources;
    private final Condition[] conditions;
    private final TrustedPrincipal[] principals;

    Statement(boolean deny, Wildcard[] actions, boolean notAction, ResourcePattern[] resources,
              Condition[] conditions, TrustedPrincipal[] principals) {
        this.deny = deny;
        this.actions = actions;
        this.notAction = notAction;
        this.resources = resources;
        this.conditions = conditions;
        this.principals = principals;
    }

    /** {@code action} lower-cased: the patterns are. */
    boolean coversAction(String action) {
        for (Wildcard pattern : actions) {
            if (pattern.matches(action, 0, action.length(), false)) {
                return !notAction;
            }
        }
        return notAction;
    }

    boolean coversResource(String resource, boolean relativeIdFoldsCase) {
        for (ResourcePattern pattern : resources) {
            if (pattern.matches(resource, relativeIdFoldsCase)) {
                return true;
            }
        }
        return false;
    }

    boolean conditionsHold(CallFacts call) {
        for (Condition condition : conditions) {
            if (!condition.test(call)) {
                return false;
            }
        }
        return true;
    }

    boolean names(TrustedPrincipal.Caller caller) {
        for (TrustedPrincipal principal : principals) {
            if (principal.matches(caller)) {
                return true;
            }
        }
        return false;
    }
}
