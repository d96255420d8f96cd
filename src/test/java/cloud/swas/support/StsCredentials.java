package cloud.swas.support;

/**
 * STS credentials as a test uses them: the key pair to sign with ({@link #key}, usable wherever a
 * {@link TestAccount} signs) and the SecurityToken that goes with it.
 */
public record StsCredentials(TestAccount key, String securityToken) {

    public static StsCredentials of(long accountId, String accessKeyId, String accessKeySecret, String securityToken) {
        return new StsCredentials(new TestAccount(accountId, accessKeyId, accessKeySecret), securityToken);
    }

    /** A V1 call signed with these credentials, the token among its parameters. */
    public Api call(String action) {
        return Api.call(key, action).param("SecurityToken", securityToken);
    }

    /** A V3 call signed with these credentials, the token in the signed {@code x-acs-security-token} header. */
    public V3Call v3(String action) {
        V3Call call = V3Call.call(key, action);
        call.headers.put("x-acs-security-token", securityToken);
        return call;
    }
}
