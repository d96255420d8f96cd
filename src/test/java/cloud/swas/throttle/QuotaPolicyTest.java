package cloud.swas.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A per-minute limit of 0 or less is refused when the configuration is read (at start-up), with the key named. */
class QuotaPolicyTest {

    private static ThrottleConfig config(int defaultPerMinute, Map<String, ThrottleConfig.ActionLimit> actions) {
        return config(defaultPerMinute, actions, Map.of());
    }

    private static ThrottleConfig config(int defaultPerMinute, Map<String, ThrottleConfig.ActionLimit> actions,
                                         Map<String, Integer> products) {
        return new ThrottleConfig() {
            @Override
            public int defaultPerMinute() {
                return defaultPerMinute;
            }

            @Override
            public Map<String, ActionLimit> actions() {
                return actions;
            }

            @Override
            public Map<String, ProductLimit> products() {
                Map<String, ProductLimit> limits = new java.util.HashMap<>();
                products.forEach((product, perMinute) -> limits.put(product, () -> perMinute));
                return limits;
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
        assertThat(policy.limit("2020-06-01", "ModifyImageShareStatus")).isEqualTo(10);
        assertThat(policy.limit("2020-06-01", "ListImages")).isEqualTo(60);
        assertThat(policy.limit("2020-06-01", "ListRegions")).isEqualTo(QuotaPolicy.UNLIMITED);
    }

    /** RAM and STS have a default of their own (issue 27: a suite provisioning users is not throttled at 10). */
    @Test
    void aProductsDefaultAppliesToItsActionsUnlessTheActionHasItsOwn() {
        QuotaPolicy policy = new QuotaPolicy(config(10, Map.of("CreateUser", limit(5, true)),
                Map.of("Ram", 600, "Sts", 300)));
        assertThat(policy.limit("2015-05-01", "ListUsers")).isEqualTo(600);
        assertThat(policy.limit("2015-05-01", "CreateUser")).isEqualTo(5);
        assertThat(policy.limit("2015-04-01", "AssumeRole")).isEqualTo(300);
        assertThat(policy.limit("2020-06-01", "ListCustomImages")).isEqualTo(10);
        assertThat(policy.limit("2014-05-26", "DescribeImages")).isEqualTo(10);
    }

    @Test
    void aProductLimitOfZeroIsRefusedWithItsKey() {
        assertThatThrownBy(() -> new QuotaPolicy(config(10, Map.of(), Map.of("Ram", 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swas.throttle.products.\"Ram\".per-minute");
    }
}
