package cloud.swas.auth;

/** An access key as stored; {@code secret} never leaves the auth package in a response or a log. */
public record AccessKey(long accountId, String accessKeyId, String secret, boolean active) {

    @Override
    public String toString() {
        return "AccessKey[accountId=" + accountId + ", accessKeyId=" + accessKeyId + ", active=" + active + "]";
    }
}
