package cloud.swas.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A principal a trust policy names under {@code Principal.RAM}: a whole account ({@code acs:ram::<id>:root}: every
 * RAM user and role session of it), a RAM user or a RAM role (its sessions). Names compare case-insensitively (RAM
 * user and role names do). {@code Service} and {@code Federated} principals are accepted as written and never
 * match: no caller of this service is a cloud service or an identity provider.
 * See https://www.alibabacloud.com/help/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role
 */
final class TrustedPrincipal {

    enum Kind { ACCOUNT, USER, ROLE, NEVER }

    static final Pattern RAM = Pattern.compile("acs:ram::([0-9]{1,20}):(?:(root)|(user|role)/([A-Za-z0-9._@-]{1,64}))");
    static final Pattern SERVICE = Pattern.compile("(?:[0-9]{1,20}@)?[a-z0-9][a-z0-9.-]*\\.aliyuncs\\.com");
    static final Pattern FEDERATED =
            Pattern.compile("acs:ram::[0-9]{1,20}:(?:saml-provider|oidc-provider)/[A-Za-z0-9._-]{1,128}");

    private static final Pattern CALLER =
            Pattern.compile("acs:ram::([0-9]{1,20}):(?:user/([^/]+)|assumed-role/([^/]+)/([^/]+))");

    private final Kind kind;
    private final long account;
    private final String name;

    private TrustedPrincipal(Kind kind, long account, String name) {
        this.kind = kind;
        this.account = account;
        this.name = name;
    }

    /** From a {@code Principal.RAM} entry; null when it is not one of the three forms. */
    static TrustedPrincipal ram(String arn) {
        Matcher m = RAM.matcher(arn);
        if (!m.matches()) {
            return null;
        }
        long account;
        try {
            account = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (m.group(2) != null) {
            return new TrustedPrincipal(Kind.ACCOUNT, account, null);
        }
        return new TrustedPrincipal(m.group(3).equals("user") ? Kind.USER : Kind.ROLE, account, m.group(4));
    }

    static TrustedPrincipal never() {
        return new TrustedPrincipal(Kind.NEVER, -1, null);
    }

    boolean matches(Caller caller) {
        switch (kind) {
            case ACCOUNT:
                return caller.account == account;
            case USER:
                return caller.account == account && caller.user != null && caller.user.equalsIgnoreCase(name);
            case ROLE:
                return caller.account == account && caller.role != null && caller.role.equalsIgnoreCase(name);
            default:
                return false;
        }
    }

    /** Who asks to assume a role: a RAM user, or a role session (role chaining). */
    record Caller(long account, String user, String role) {

        /** Null when the ARN is neither a user's nor a role session's (an account's root key never assumes a role). */
        static Caller parse(String arn) {
            if (arn == null) {
                return null;
            }
            Matcher m = CALLER.matcher(arn);
            if (!m.matches()) {
                return null;
            }
            long account;
            try {
                account = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            return new Caller(account, m.group(2), m.group(3));
        }
    }
}
