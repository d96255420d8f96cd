package cloud.swas.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Bounds on every database wait ({@code swas.db.*}), set on each pooled connection. A call that runs into
 * one is answered {@code 503 ServiceUnavailable} with {@code x-acs-retry-after}: a busy row or a slow
 * database is a temporary condition, never an internal error.
 */
@ConfigMapping(prefix = "swas.db")
public interface DatabaseConfig {

    /**
     * Longest wait for a row or table lock ({@code lock_timeout}). Longer than a change ever holds a row, and
     * longer than the ClientToken wait bound, so that a duplicate gives up before the call it waits for.
     */
    @WithDefault("10s")
    Duration lockTimeout();

    /**
     * Longest run of one statement ({@code statement_timeout}). Flyway's migrations run under it too: raise it
     * for a deployment whose migration rewrites a large table.
     */
    @WithDefault("20s")
    Duration statementTimeout();

    /** What {@code x-acs-retry-after} suggests to a call that ran into a bound. */
    @WithDefault("1s")
    Duration retryAfter();

    /** Rows deleted per purge statement ({@link Housekeeping}; how often: {@code swas.db.purge-every}, 60s). */
    @WithDefault("5000")
    int purgeBatchSize();
}
