package cloud.swas.auth;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import cloud.swas.housekeeping.ExpiredRowPurger;

/**
 * The lifecycle of the signature nonce table. Nonces are claimed by admission
 * ({@link cloud.swas.throttle.Admission}); the primary key makes a second use fail on every replica at
 * once, and an expired row may be claimed again, so correctness never depends on this purge having run.
 */
@ApplicationScoped
public class NonceStore {

    private static final int PURGE_BATCH = 5_000;

    private final Clock clock;
    private final ExpiredRowPurger purger;

    NonceStore(Clock clock, ExpiredRowPurger purger) {
        this.purger = purger;
        this.clock = clock;
    }

    /** Expired nonces are deleted in the background; see {@link ExpiredRowPurger}. */
    @Scheduled(every = "${swas.auth.nonce-purge-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void purgeExpired() {
        purger.purge("signature_nonce", "expires_at", clock.instant(), PURGE_BATCH);
    }
}
