package cloud.swas.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A RAM policy document (contract 11.3), validated and compiled once when it is created; evaluated per call from
 * the compiled form (wildcards precompiled, condition values parsed, no JSON and no regular expression per call).
 * Immutable and safe to share between threads and to cache.
 *
 * <p>Evaluation follows RAM's documented order (https://www.alibabacloud.com/help/en/ram/policy-evaluation-process):
 * a role session's session policy first (if it does not allow, the call is denied there: {@code PolicyType
 * SessionPolicy}), then the identity policies: deny by default, an explicit Deny in any of them wins, otherwise an
 * Allow must match the action, the resource and the conditions.
 */
public final class PolicyDocument {

    /** The longest document accepted, in characters (code points; contract 11.3, this service's choice). */
    public static final int MAX_LENGTH = 6144;

    private static final byte NONE = 0;
    private static final byte ALLOWED = 1;
    private static final byte DENIED = 2;

    private final String text;
    private final boolean trust;
    private final Statement[] statements;

    private PolicyDocument(String text, boolean trust, Statement[] statements) {
        this.text = text;
        this.trust = trust;
        this.statements = statements;
    }

    /** A permission policy (identity or session policy); throws {@link PolicyException} naming what is wrong. */
    public static PolicyDocument parse(String text) {
        return new PolicyDocument(text, false, PolicyParser.compile(text, false));
    }

    /**
     * A role's trust policy: statements that allow {@code sts:AssumeRole} to principals named by
     * {@code Principal: {"RAM": [...]}}; throws {@link PolicyException} naming what is wrong.
     */
    public static PolicyDocument parseTrust(String text) {
        return new PolicyDocument(text, true, PolicyParser.compile(text, true));
    }

    /** The document as it was given. */
    public String text() {
        return text;
    }

    /** Whether this is a trust policy (from {@link #parseTrust}) rather than a permission policy. */
    public boolean isTrustPolicy() {
        return trust;
    }

    /**
     * Whether this trust policy lets {@code callerArn} (a user's {@code acs:ram::<account>:user/<name>} or a role
     * session's {@code acs:ram::<account>:assumed-role/<role>/<session>}) of account {@code callerAccountId}
     * assume the role: a statement naming the ARN, or {@code acs:ram::<callerAccountId>:root}.
     *
     * <p>A {@code Principal.RAM} entry {@code acs:ram::<id>:root} names every RAM user and role session of account
     * {@code id}; {@code user/<name>} one user; {@code role/<name>} every session of that role. Names compare
     * case-insensitively. Conditions apply as in permission policies; a matching Deny wins over any Allow. Any
     * other caller ARN (an account's root, or one whose account is not {@code callerAccountId}) is not trusted.
     *
     * @throws IllegalStateException when this is not a trust policy
     */
    public boolean trusts(String callerArn, long callerAccountId, RequestFacts facts) {
        if (!trust) {
            throw new IllegalStateException("not a trust policy: parse it with parseTrust");
        }
        Objects.requireNonNull(facts, "facts");
        TrustedPrincipal.Caller caller = TrustedPrincipal.Caller.parse(callerArn);
        if (caller == null || caller.account() != callerAccountId) {
            return false;
        }
        CallFacts call = new CallFacts(facts);
        boolean allowed = false;
        for (Statement s : statements) {
            if (s.coversAction(PolicyParser.ASSUME_ROLE) && s.names(caller) && s.conditionsHold(call)) {
                if (s.deny) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /**
     * Decides one call for a RAM principal: deny by default, an explicit Deny in any policy wins, otherwise an
     * Allow must match the action, every resource and the conditions; a role session's call must also be allowed
     * by its session policy ({@code session}, null when none).
     *
     * <p>Every resource must be allowed. When the call is denied: if the session policy fails to allow any
     * resource, the decision is {@code deniedBySession} (RAM evaluates the session policy before the identity
     * policies), {@code explicitDeny} when a Deny of the session policy matched; otherwise {@code explicitDeny}
     * when a Deny of an identity policy matched some resource, else an implicit deny. The outcome does not depend
     * on the order of {@code policies} or {@code resources}.
     *
     * @param action    {@code <product>:<ActionName>}, compared ignoring case
     * @param resources the call's resource ARNs (or {@code "*"}), at least one; ARNs compare case-sensitively
     *                  except user and role names in {@code acs:ram} ARNs
     * @throws IllegalArgumentException when {@code resources} is empty or a trust policy is passed
     */
    public static Decision decide(List<PolicyDocument> policies, PolicyDocument session, String action,
                                  List<String> resources, RequestFacts facts) {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(facts, "facts");
        int n = resources.size();
        if (n == 0) {
            throw new IllegalArgumentException("a call that is checked names at least one resource (\"*\" when none)");
        }
        boolean[] fold = new boolean[n];
        for (int i = 0; i < n; i++) {
            fold[i] = ResourcePattern.foldsCase(resources.get(i));
        }
        CallFacts call = new CallFacts(facts);
        String lowerAction = action.toLowerCase(Locale.ROOT);
        if (session != null) {
            byte[] state = new byte[n];
            session.evaluate(lowerAction, resources, fold, call, state);
            boolean explicit = false;
            boolean denied = false;
            for (byte b : state) {
                denied |= b != ALLOWED;
                explicit |= b == DENIED;
            }
            if (denied) {
                return new Decision(false, explicit, true);
            }
        }
        byte[] state = new byte[n];
        for (PolicyDocument policy : policies) {
            policy.evaluate(lowerAction, resources, fold, call, state);
        }
        boolean explicit = false;
        boolean denied = false;
        for (byte b : state) {
            denied |= b != ALLOWED;
            explicit |= b == DENIED;
        }
        return denied ? new Decision(false, explicit, false) : Decision.ALLOW;
    }

    /** {@code action} lower-cased. Folds this policy's verdict for each resource into {@code state}: a Deny sticks, an Allow lifts NONE. */
    private void evaluate(String action, List<String> resources, boolean[] fold, CallFacts call, byte[] state) {
        if (trust) {
            throw new IllegalArgumentException("a trust policy grants no permissions: it only decides sts:AssumeRole");
        }
        for (Statement s : statements) {
            if (!s.coversAction(action)) {
                continue;
            }
            int conditions = -1; // not yet evaluated: conditions do not depend on the resource
            for (int i = 0; i < state.length; i++) {
                if (state[i] == DENIED || (!s.deny && state[i] == ALLOWED)) {
                    continue;
                }
                if (!s.coversResource(resources.get(i), fold[i])) {
                    continue;
                }
                if (conditions < 0) {
                    conditions = s.conditionsHold(call) ? 1 : 0;
                }
                if (conditions == 1) {
                    state[i] = s.deny ? DENIED : ALLOWED;
                }
            }
        }
    }
}
