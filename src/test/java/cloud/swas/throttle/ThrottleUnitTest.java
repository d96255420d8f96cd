package cloud.swas.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.api.ApiException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The replica's side of the quota, without a database: which actions are counted, with which limit, and the
 * memory of full windows that refuses the rest of a minute without asking PostgreSQL. The counting itself is
 * one statement, tested over HTTP (ThrottlingTest); this is what the mutation profile can run.
 */
class ThrottleUnitTest {

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

            @Override
            public Map<String, ProductLimit> products() {
                return Map.of("Ram", () -> 600);
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

    private final Throttle throttle = new Throttle(config(10, Map.of("ListRegions", limit(3, true),
            "ListImages", limit(null, false), "ListCustomImages", limit(null, true))));

    private static final String SWAS = "2020-06-01";
    private static final String RAM = "2015-05-01";

    @Test
    void limitsComeFromTheActionItsProductOrTheDefault() {
        assertThat(throttle.countValues(7L, SWAS, "ListRegions"))
                .containsEntry("quota_account", 7L).containsEntry("quota_action", "ListRegions")
                .containsEntry("quota_limit", 3);
        assertThat(throttle.countValues(7L, SWAS, "ListCustomImages")).containsEntry("quota_limit", 10);
        assertThat(throttle.countValues(7L, SWAS, "CreateCustomImage")).containsEntry("quota_limit", 10);
        assertThat(throttle.countValues(7L, RAM, "CreateUser")).containsEntry("quota_limit", 600);
        assertThat(throttle.limits(SWAS, "ListRegions")).isTrue();
        assertThat(throttle.limits(SWAS, "CreateCustomImage")).isTrue();
        assertThat(throttle.limits(SWAS, "ListImages")).as("enabled=false").isFalse();
    }

    @Test
    void aRefusalIsThrottlingUserWithItsRetryAfter() {
        ApiException refused = throttle.refuse(1L, "ListRegions", 4_321);
        assertThat(refused.error().code()).isEqualTo("Throttling.User");
        assertThat(refused.error().status()).isEqualTo(400);
        assertThat(refused.headers()).containsEntry("x-acs-retry-after", "4321");
        // The database's minute may have just ended: never less than 1 ms.
        assertThat(throttle.refuse(2L, "ListRegions", 0).headers()).containsEntry("x-acs-retry-after", "1");
        assertThat(throttle.refuse(3L, "ListRegions", -5).headers()).containsEntry("x-acs-retry-after", "1");
    }

    @Test
    void aWindowSeenFullIsRefusedUntilItEndsForThatAccountAndActionOnly() {
        assertThat(throttle.knownFull(1L, "ListRegions")).isNull();
        throttle.refuse(1L, "ListRegions", 60_000);
        ApiException known = throttle.knownFull(1L, "ListRegions");
        assertThat(known).isNotNull();
        assertThat(known.error().code()).isEqualTo("Throttling.User");
        long retryAfter = Long.parseLong(known.headers().get("x-acs-retry-after"));
        assertThat(retryAfter).isBetween(1L, 60_000L);
        assertThat(throttle.knownFull(2L, "ListRegions")).as("another account").isNull();
        assertThat(throttle.knownFull(1L, "ListCustomImages")).as("another action").isNull();
    }

    @Test
    void aWindowThatHasEndedIsForgotten() {
        throttle.refuse(1L, "ListCustomImages", 1);
        cloud.swas.support.Await.until("the 1 ms window ended", () -> throttle.knownFull(1L, "ListCustomImages") == null,
                java.time.Duration.ofSeconds(10));
        assertThat(throttle.knownFull(1L, "ListCustomImages")).isNull();
    }
}
