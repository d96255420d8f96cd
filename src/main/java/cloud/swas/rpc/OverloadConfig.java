package cloud.swas.rpc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The bound on work in progress ({@code swas.overload.*}): at most so many calls do their database work at
 * once, a few more wait for their turn, and none waits longer than {@link #maxWait()}; the others are answered
 * {@code 503 ServiceUnavailable} with {@code x-acs-retry-after} at once.
 */
@ConfigMapping(prefix = "swas.overload")
public interface OverloadConfig {

    /**
     * Calls that run at once. Below the connection pool's size ({@code quarkus.datasource.jdbc.max-size}, 16),
     * so that health checks, housekeeping and the key file always find a connection.
     */
    @WithDefault("12")
    int maxConcurrentCalls();

    /** Calls that may wait for their turn; one more is answered 503 at once. */
    @WithDefault("64")
    int maxWaitingCalls();

    /**
     * The longest a call may wait in the HTTP server's queues before it is read, and again for its turn: so
     * every call is answered within twice this, plus its own work.
     */
    @WithDefault("500ms")
    Duration maxWait();

    /** What {@code x-acs-retry-after} suggests to a call refused for overload. */
    @WithDefault("1s")
    Duration retryAfter();
}
