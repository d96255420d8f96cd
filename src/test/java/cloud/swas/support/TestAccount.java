package cloud.swas.support;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts for tests. Their IDs are new on every run (a random base per test JVM), so a database
 * reused across runs never holds a previous run's images, tokens or quota counts for them.
 * {@link #A}, {@link #B} and {@link #C} are provisioned at start-up through {@code swas.auth.access-keys}
 * ({@link PostgresTestResource}); {@link #fresh} ones by the test itself ({@code AccessKeyStore.upsert}).
 */
public record TestAccount(long accountId, String accessKeyId, String secret) {

    /** Positive, far from any real account, different per run: 1e15 + a random multiple of 1e6. */
    private static final long RUN_BASE = 1_000_000_000_000_000L
            + (new SecureRandom().nextLong() & 0xFFFFFFFFL) % 1_000_000_000L * 1_000_000L;
    private static final AtomicLong NEXT = new AtomicLong(RUN_BASE + 100);

    public static final TestAccount A = new TestAccount(RUN_BASE + 1, "AKT" + (RUN_BASE + 1), "secret-a");
    public static final TestAccount B = new TestAccount(RUN_BASE + 2, "AKT" + (RUN_BASE + 2), "secret-b");
    /** Its secret contains colons, which the provisioning format must keep. */
    public static final TestAccount C = new TestAccount(RUN_BASE + 3, "AKT" + (RUN_BASE + 3), "secret:with:colons");

    /** A new account of this run, not provisioned yet. */
    public static TestAccount fresh(String label) {
        long id = NEXT.incrementAndGet();
        return new TestAccount(id, "AK" + label + id, "secret-" + label + "-" + id);
    }

    /** {@code swas.auth.access-keys} for A, B and C. */
    static String provisioning() {
        return String.join(",", A.entry(), B.entry(), C.entry());
    }

    private String entry() {
        return accountId + ":" + accessKeyId + ":" + secret;
    }
}
