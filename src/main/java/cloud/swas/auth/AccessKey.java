package cloud.swas.auth;

import java.util.regex.Pattern;

/** An access key as stored; {@code secret} never leaves the auth package in a response or a log. */
public record AccessKey(long accountId, String accessKeyId, String secret, boolean active) {

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
        return "AccessKey[accountId=" + accountId + ", accessKeyId=" + accessKeyId + ", active=" + active + "]";
    }
}
