package cloud.swas.ram;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * RAM limits per account ({@code swas.ram.*}). The defaults are RAM's published limits (RAM-SOURCES.md); beyond
 * them, RAM's {@code LimitExceeded.*} codes.
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
}
