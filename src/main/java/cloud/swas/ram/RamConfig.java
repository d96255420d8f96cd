package cloud.swas.ram;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the identity layer ({@code swas.ram.*}). */
@ConfigMapping(prefix = "swas.ram")
public interface RamConfig {

    /**
     * How long a replica may use a principal's policies it has read (0: read them for every call). A change made
     * on another replica (a policy detached, a version made default) is enforced here within this bound, counted
     * from when the read began (contract 11.8: at most 1 s).
     */
    @WithDefault("1s")
    Duration policyCacheMaxAge();

    /** At most this many principals' policy sets, and as many compiled documents, kept per replica. */
    @WithDefault("10000")
    long policyCacheMaxSize();
}
