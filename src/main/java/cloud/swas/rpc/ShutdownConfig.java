package cloud.swas.rpc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What the replica does between SIGTERM and its exit, beyond Quarkus' own {@code quarkus.shutdown.*}. */
@ConfigMapping(prefix = "swas.shutdown")
public interface ShutdownConfig {

    /**
     * How long after SIGTERM new connections are still accepted (clients and balancers still learning that
     * readiness is DOWN); then the listening socket closes, and for the rest of {@code quarkus.shutdown.delay} the
     * connections already accepted send their requests. Must be shorter than that delay.
     */
    @WithDefault("1s")
    Duration acceptConnectionsFor();
}
