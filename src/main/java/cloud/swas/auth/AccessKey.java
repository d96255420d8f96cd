package cloud.swas.auth;

import cloud.swas.api.Principal;
import java.util.regex.Pattern;

/**
 * An access key as stored; {@code secret} never leaves the auth package in a response or a log. An account's own
 * key has no {@code userId}; a RAM user's key names its user (ID and current name, contract 11.1).
 */
public record AccessKey(long accountId, String accessKeyId, String secret, boolean active, String userId,
                        String userName) {

    /** An account's own key. */
    public AccessKey(long accountId, String accessKeyId, String secret, boolean active) {
        this(accountId, accessKeyId, secret, active, null, null);
    }

    /** Who signs with this key: the account itself, or its RAM user. */
    public Principal principal() {
        return userId == null ? Principal.account(accountId) : Principal.user(accountId, userId, userName);
    }

    /**
     * The form of every AccessKeyId this service stores or will store: 1 to 64 of {@code [A-Za-z0-9._-]}, which
     * also covers the {@code STS.} prefix of temporary credentials (contract section 11).
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Whether {@code accessKeyId} can name a key at all. Checked before any lookup, so that an ID no key can have
     * (8 KB of anything, say) costs neither a database round trip nor a cache entry.
     */
    public static boolean wellFormedId(String accessKeyId) {
        return accessKeyId != null && accessKeyId.length() <= 64 && ID.matcher(accessKeyId).matches();
    }

    @Override
    public String toString() {
        return "AccessKey[accountId=" + accountId + ", accessKeyId=" + accessKeyId + ", active=" + active
                + (userId == null ? "" : ", userId=" + userId) + "]";
    }
}
