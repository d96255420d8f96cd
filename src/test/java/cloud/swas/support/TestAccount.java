package cloud.swas.support;

/** The accounts provisioned for tests by {@code %test.swas.auth.access-keys}. */
public record TestAccount(long accountId, String accessKeyId, String secret) {
    public static final TestAccount A = new TestAccount(1001, "AKTEST1001", "secret-1001");
    public static final TestAccount B = new TestAccount(1002, "AKTEST1002", "secret-1002");
    /** Its secret contains colons, which the provisioning format must keep. */
    public static final TestAccount C = new TestAccount(1003, "AKTEST1003", "secret:with:colons");
}
