package cloud.swas.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A per-minute limit of 0 or less is refused when the configuration is read (at start-up), with the key named. */
class QuotaPolicyTest {

    private static ThrottleConfig config(int defaultPerMinute, Map<String, ThrottleConfig.ActionLimit> actions) {
        return new ThrottleConfig() {
            @Override
            public int defaultPerMinute() {
                return defaultPerMinute;
            }

            @Override
            public Map<String, ActionLimit> actions() {
                return actions;
            }
        };
    }

    private static ThrottleConfig.ActionLimit limit(Integer perMinute, boolean enabled) {
        return new ThrottleConfig.ActionLimit() {
            @Override
            public Optional<Integer> perMinute() {
                return Optional.ofNullable(perMinute);
            }

            @Override
            public boolean enabled() {
                return enabled;
            }
        };
    }

    @Test
    void aDefaultOfZeroIsRefused() {
        assertThatThrownBy(() -> new QuotaPolicy(config(0, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swas.throttle.default-per-minute is 0");
    }

    @Test
    void aNegativeActionLimitIsRefused() {
        assertThatThrownBy(() -> new QuotaPolicy(config(10, Map.of("ListImages", limit(-1, true)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swas.throttle.actions.\"ListImages\".per-minute is -1");
    }

    @Test
    void positiveLimitsAndSwitchedOffActionsAreAccepted() {
        QuotaPolicy policy = new QuotaPolicy(config(10, Map.of("ListImages", limit(60, true),
                "ListRegions", limit(null, false))));
        assertThat(policy.limit("ModifyImageShareStatus")).isEqualTo(10);
        assertThat(policy.limit("ListImages")).isEqualTo(60);
        assertThat(policy.limit("ListRegions")).isEqualTo(QuotaPolicy.UNLIMITED);
    }
}
