package cloud.swas.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** ClientToken settings ({@code swas.idempotency.*}). */
@ConfigMapping(prefix = "swas.idempotency")
public interface IdempotencyConfig {

    /** How long a token and its outcome are kept (contract: 24 hours). */
    @WithDefault("24h")
    Duration ttl();

    /** How long a duplicate waits for the first request with its token before {@code LastTokenProcessing}. */
    @WithDefault("5s")
    Duration waitBound();

}
