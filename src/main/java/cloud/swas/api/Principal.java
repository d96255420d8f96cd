package cloud.swas.api;

/**
 * Who signed a call (contract section 11.1): an account's own key, a RAM user's key, or a role session's STS
 * credentials. Every principal acts in {@link #accountId}: the account its user or role belongs to, whose
 * resources it may touch as far as its policies allow (an account's own key: always).
 *
 * @param type          which kind of principal
 * @param accountId     the account it acts in
 * @param principalId   the RAM user's or role's ID; the account ID for an account
 * @param name          the user's or role's name; null for an account
 * @param sessionName   the role session's name; null otherwise
 * @param sessionPolicy the session policy passed to AssumeRole, as its JSON text; null when none was passed
 */
public record Principal(Type type, long accountId, String principalId, String name, String sessionName,
                        String sessionPolicy) {

    /** The three kinds of callers; {@link #metricLabel()} is the closed set that metrics and logs carry. */
    public enum Type {
        ACCOUNT("account"), USER("user"), ROLE_SESSION("role-session");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String metricLabel() {
            return label;
        }
    }

    public static Principal account(long accountId) {
        return new Principal(Type.ACCOUNT, accountId, Long.toString(accountId), null, null, null);
    }

    public static Principal user(long accountId, String userId, String userName) {
        return new Principal(Type.USER, accountId, userId, userName, null, null);
    }

    public static Principal roleSession(long accountId, String roleId, String roleName, String sessionName,
                                        String sessionPolicy) {
        return new Principal(Type.ROLE_SESSION, accountId, roleId, roleName, sessionName, sessionPolicy);
    }

    /** Whether policies apply: an account's own key may do anything to its own resources. */
    public boolean isRam() {
        return type != Type.ACCOUNT;
    }

    /**
     * The principal's ARN as the audit trail records it (contract 11.7): {@code acs:ram::<account>:root},
     * {@code ...:user/<name>}, {@code ...:assumed-role/<role>/<session>}.
     */
    public String arn() {
        return switch (type) {
            case ACCOUNT -> Arns.root(accountId);
            case USER -> Arns.ram(accountId, "user/" + name);
            case ROLE_SESSION -> Arns.ram(accountId, "assumed-role/" + name + "/" + sessionName);
        };
    }

    /** {@code AuthPrincipalDisplayName} of a denied call (contract 11.5): the user's name, or {@code role:session}. */
    public String displayName() {
        return switch (type) {
            case ACCOUNT -> Long.toString(accountId);
            case USER -> name;
            case ROLE_SESSION -> name + ":" + sessionName;
        };
    }
}
