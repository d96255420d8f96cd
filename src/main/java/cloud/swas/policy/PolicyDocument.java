package cloud.swas.policy;

import java.util.List;

/**
 * A RAM policy document (contract 11.3), validated and compiled once when it is created; evaluated per call.
 * SKELETON: the policy engine replaces the bodies; the signatures are what the rest of the code relies on.
 */
public final class PolicyDocument {

    /** The longest document accepted, in characters (contract 11.3, this service's choice). */
    public static final int MAX_LENGTH = 6144;

    private final String text;

    private PolicyDocument(String text) {
        this.text = text;
    }

    /** A permission policy (identity or session policy); throws {@link PolicyException} naming what is wrong. */
    public static PolicyDocument parse(String text) {
        if (text == null || text.isBlank()) {
            throw new PolicyException("The policy document is empty.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new PolicyException("The policy document exceeds " + MAX_LENGTH + " characters.");
        }
        return new PolicyDocument(text);
    }

    /**
     * A role's trust policy: statements that allow {@code sts:AssumeRole} to principals named by
     * {@code Principal: {"RAM": [...]}}; throws {@link PolicyException} naming what is wrong.
     */
    public static PolicyDocument parseTrust(String text) {
        return parse(text);
    }

    /** The document as it was given. */
    public String text() {
        return text;
    }

    /**
     * Whether this trust policy lets {@code callerArn} (a user's {@code acs:ram::<account>:user/<name>} or a role
     * session's {@code acs:ram::<account>:assumed-role/<role>/<session>}) of account {@code callerAccountId}
     * assume the role: a statement naming the ARN, or {@code acs:ram::<callerAccountId>:root}.
     */
    public boolean trusts(String callerArn, long callerAccountId, RequestFacts facts) {
        throw new UnsupportedOperationException("policy engine not yet built");
    }

    /**
     * Decides one call for a RAM principal: deny by default, an explicit Deny in any policy wins, otherwise an
     * Allow must match the action, every resource and the conditions; a role session's call must also be allowed
     * by its session policy ({@code session}, null when none).
     */
    public static Decision decide(List<PolicyDocument> policies, PolicyDocument session, String action,
                                  List<String> resources, RequestFacts facts) {
        throw new UnsupportedOperationException("policy engine not yet built");
    }
}
