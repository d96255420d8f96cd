package cloud.swas.auth;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import cloud.swas.housekeeping.ExpiredRowPurger;

/**
 * Signature nonces, cluster-wide: the primary key makes a second use fail on every replica at once.
 * An expired row may be claimed again, so correctness never depends on the purge having run.
 */
@ApplicationScoped
public class NonceStore {

    private static final int PURGE_BATCH = 5_000;

    private final AgroalDataSource dataSource;
    private final AuthConfig config;
    private final Clock clock;
    private final ExpiredRowPurger purger;

    NonceStore(AgroalDataSource dataSource, AuthConfig config, Clock clock, ExpiredRowPurger purger) {
        this.dataSource = dataSource;
        this.purger = purger;
        this.config = config;
        this.clock = clock;
    }

    /** True when the nonce was unused (and is now used); false when it was seen within the window. */
    public boolean claim(Caller caller, String nonce, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
                     WHERE signature_nonce.expires_at <= ?""")) {
            s.setLong(1, caller.accountId());
            s.setString(2, caller.accessKeyId());
            s.setString(3, nonce);
            s.setTimestamp(4, Timestamp.from(now.plus(config.timestampWindow())));
            s.setTimestamp(5, Timestamp.from(now));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Nonce claim failed", e);
        }
    }

    /** Expired nonces are deleted in the background; see {@link ExpiredRowPurger}. */
    @Scheduled(every = "${swas.auth.nonce-purge-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void purgeExpired() {
        purger.purge("signature_nonce", "expires_at", clock.instant(), PURGE_BATCH);
    }
}
