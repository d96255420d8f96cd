package cloud.swas.throttle;

import cloud.swas.auth.AuthConfig;
import cloud.swas.auth.Caller;
import cloud.swas.housekeeping.ExpiredRowPurger;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The service's admission of authenticated calls ({@link Admission}: nonce and quota), its configuration,
 * the start-up warning for disabled limits, and the purge of old windows.
 */
@ApplicationScoped
public class Throttle {

    private static final Logger LOG = Logger.getLogger(Throttle.class);
    /** Windows are kept one extra minute, so a slow request at a boundary never recreates a purged one. */
    private static final Duration KEEP = Duration.ofMinutes(2);

    private final Admission admission;
    private final QuotaPolicy policy;
    private final ThrottleConfig config;
    private final ExpiredRowPurger purger;

    Throttle(AgroalDataSource dataSource, ThrottleConfig config, AuthConfig authConfig, ExpiredRowPurger purger,
             Clock clock) {
        this.policy = new QuotaPolicy(config);
        this.admission = new Admission(dataSource, policy::limit, authConfig.timestampWindow(), clock);
        this.config = config;
        this.purger = purger;
    }

    /**
     * The admission of an authenticated call (nonce claim and count), which the operation runs; throws
     * at once {@code Throttling.User} for a window this replica has seen full (after claiming the nonce),
     * or {@code SignatureNonceUsed} for a replay of an action without a limit.
     */
    public PendingAdmission prepare(Caller caller, String action) {
        return admission.prepare(caller, action);
    }

    void warnAboutDisabledLimits(@Observes StartupEvent event) {
        if (!policy.disabledActions().isEmpty()) {
            LOG.warnf("Throttling is SWITCHED OFF for %s (swas.throttle.actions.*.enabled=false); "
                    + "meant for load tests only", policy.disabledActions());
        }
        LOG.infof("Throttling: %d calls per account, action and minute unless overridden", config.defaultPerMinute());
    }

    @Scheduled(every = "${swas.throttle.purge-every:60s}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOldWindows() {
        admission.forgetEndedWindows();
        purger.purge("throttle_window", "window_start", KEEP, config.purgeBatchSize());
    }
}
