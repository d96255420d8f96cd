package cloud.swas.auth;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import cloud.swas.housekeeping.ExpiredRowPurger;

/**
 * The lifecycle of the signature nonce table. Nonces are claimed by admission
 * ({@link cloud.swas.throttle.Admission}); the primary key makes a second use fail on every replica at
 * once, and an expired row may be claimed again, so correctness never depends on this purge having run.
 */
@ApplicationScoped
public class NonceStore {

    private static final int PURGE_BATCH = 5_000;

    private final ExpiredRowPurger purger;
    private final Duration grace;

    NonceStore(ExpiredRowPurger purger, AuthConfig config) {
        this.purger = purger;
        this.grace = config.timestampWindow();
    }

    /**
     * Expired nonces are deleted in the background ({@link ExpiredRowPurger}), one window after their expiry:
     * expiry is dated by the replica that claimed the nonce, and a replica whose clock runs behind the
     * database's still relies on the row for as long as its clock is within the window.
     */
    @Scheduled(every = "${swas.auth.nonce-purge-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void purgeExpired() {
        purger.purge("signature_nonce", "expires_at", grace, PURGE_BATCH);
    }
}
