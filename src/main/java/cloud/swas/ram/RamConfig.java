package cloud.swas.ram;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The identity layer's settings ({@code swas.ram.*}): RAM limits per account, whose defaults are RAM's published
 * limits (docs/ram-sources.md; beyond them, RAM's {@code LimitExceeded.*} codes), and how long a replica may use what
 * it has read of a principal's policies.
 */
@ConfigMapping(prefix = "swas.ram")
public interface RamConfig {

    /** RAM users an account may hold; beyond it {@code LimitExceeded.User}. */
    @WithDefault("1000")
    int maxUsers();

    /** RAM roles an account may hold; beyond it {@code LimitExceeded.Role}. */
    @WithDefault("1000")
    int maxRoles();

    /** Custom policies an account may hold; beyond it {@code LimitExceeded.Policy}. */
    @WithDefault("1500")
    int maxPolicies();

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
